using System.Text;
using Moonwire.Dialects.Greeting;
using Moonwire.Lua;

namespace Consumer;

/// <summary>The consumer's own dialect: <c>require "greeting"</c>, bound by the generator from greeting.yaml.</summary>
internal sealed class GreetingDialect : IDialect, IGreetingModule
{
    public string Name => "greeting";

    public void Register(LuaHost host) =>
        host.RunBindings(GreetingBindings.WrapperChunk, GreetingBindings.ChunkName, L => GreetingBindings.PushRawFunctions(L, this));

    public int Hello(LuaState L, ReadOnlySpan<byte> name)
    {
        L.PushString("hello, " + Encoding.UTF8.GetString(name));
        return 1;
    }
}
