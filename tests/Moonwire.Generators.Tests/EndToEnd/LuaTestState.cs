using System.Text;
using Moonwire.Lua;

namespace Moonwire.Generators.Tests.EndToEnd;

/// <summary>A Lua state with the boundary's <c>finish</c> prelude, into which a test registers
/// generated bindings and runs script lines.</summary>
internal sealed unsafe class LuaTestState : IDisposable
{
    // The contract of docs/lua-boundary.md: Ok returns the values, Error raises at the caller's line.
    private const string Prelude = """
        function finish(status, ...)
          if status == 0 then return ... end
          if status == 1 then error((...), 2) end
          return finish(coroutine.yield(...))
        end
        """;

    private readonly nint _handle = LuaNative.NewState();

    public LuaTestState()
    {
        LuaNative.OpenLibs(_handle);
        Run(Prelude);
    }

    public LuaState State => new(_handle);

    /// <summary>Runs a generated wrapper chunk with (finish, raw), raw pushed by <paramref name="pushRaw"/>.</summary>
    public void Register(ReadOnlySpan<byte> chunk, string name, Action<LuaState> pushRaw)
    {
        Load(chunk, name);
        fixed (byte* finish = "finish\0"u8)
        {
            LuaNative.GetGlobal(_handle, finish);
        }

        pushRaw(State);
        Call(2);
    }

    /// <summary>Runs <paramref name="code"/> as chunk "test"; a Lua error becomes a <see cref="LuaScriptException"/>.</summary>
    public void Run(string code)
    {
        Load(Encoding.UTF8.GetBytes(code), "=test");
        Call(0);
    }

    /// <summary>Runs <paramref name="code"/> and returns the message of the error it raises.</summary>
    public string ErrorOf(string code)
    {
        var error = Assert.Throws<LuaScriptException>(() => Run(code));
        return error.Message;
    }

    public void Dispose() => LuaNative.Close(_handle);

    private void Load(ReadOnlySpan<byte> chunk, string name)
    {
        fixed (byte* bytes = chunk)
        fixed (byte* chunkName = Encoding.UTF8.GetBytes(name + "\0"))
        {
            if (LuaNative.LoadBuffer(_handle, bytes, (nuint)chunk.Length, chunkName, null) != 0)
            {
                throw new LuaScriptException(PopMessage());
            }
        }
    }

    private void Call(int arguments)
    {
        if (LuaNative.PCall(_handle, arguments, 0, 0, 0, 0) != 0)
        {
            throw new LuaScriptException(PopMessage());
        }
    }

    private string PopMessage()
    {
        var message = State.ToUtf8String(-1);
        State.Pop(1);
        return message;
    }
}

internal sealed class LuaScriptException(string message) : Exception(message);
