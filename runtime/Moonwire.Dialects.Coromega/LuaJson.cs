using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using KeraLua;
using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega;

/// <summary>
/// <c>json.encode</c> as the original's gopher-lua json module does it: a table whose keys are exactly
/// 1..n is an array, any other table an object (number keys written as strings); an empty table is
/// <c>[]</c>. Functions, userdata, threads, NaN and infinities cannot be encoded.
/// </summary>
internal static class LuaJson
{
    private const int MaxDepth = 64;

    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>The JSON text of the value at <paramref name="index"/> (an absolute index); a <see cref="LuaException"/> naming <paramref name="function"/> when it cannot be encoded.</summary>
    public static byte[] Encode(LuaState L, int index, string function)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            Write(L, index, writer, function, 0);
        }

        return output.WrittenSpan.ToArray();
    }

    private static void Write(LuaState L, int index, Utf8JsonWriter writer, string function, int depth)
    {
        switch (L.TypeAt(index))
        {
            case LuaType.Nil:
                writer.WriteNullValue();
                break;
            case LuaType.Boolean:
                writer.WriteBooleanValue(L.ToBoolean(index));
                break;
            case LuaType.Number when L.IsInteger(index):
                writer.WriteNumberValue(L.ToInteger(index));
                break;
            case LuaType.Number when double.IsFinite(L.ToNumber(index)):
                writer.WriteNumberValue(L.ToNumber(index));
                break;
            case LuaType.String:
                writer.WriteStringValue(Text(L, index, function));
                break;
            case LuaType.Table when depth < MaxDepth:
                WriteTable(L, index, writer, function, depth + 1);
                break;
            case LuaType.Table:
                throw Fail(function, "tables nested too deeply (is there a cycle?)");
            default:
                throw Fail(function, $"cannot encode a {L.TypeNameAt(index)} value");
        }
    }

    private static void WriteTable(LuaState L, int table, Utf8JsonWriter writer, string function, int depth)
    {
        // Each level holds a key, a value and a copy of the key.
        if (!L.CheckStack(3))
        {
            throw Fail(function, "tables nested too deeply");
        }

        var count = 0L;
        var isArray = true;
        L.PushNil();
        while (L.Next(table))
        {
            count++;
            isArray &= L.TypeAt(-2) == LuaType.Number && L.IsInteger(-2) && L.ToInteger(-2) >= 1;
            L.Pop(1);
        }

        for (var i = count; isArray && i >= 1; i--)
        {
            isArray = L.RawGetInteger(table, i) != LuaType.Nil;
            L.Pop(1);
        }

        if (isArray)
        {
            writer.WriteStartArray();
            for (var i = 1L; i <= count; i++)
            {
                L.RawGetInteger(table, i);
                Write(L, L.Top, writer, function, depth);
                L.Pop(1);
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStartObject();
        L.PushNil();
        while (L.Next(table))
        {
            var key = L.TypeAt(-2);
            if (key is not (LuaType.String or LuaType.Number))
            {
                throw Fail(function, $"cannot encode a table key of type {L.TypeNameAt(-2)}");
            }

            // Converting a number key in place would derail lua_next, so a copy is converted.
            L.PushValue(-2);
            writer.WritePropertyName(Text(L, -1, function));
            L.Pop(1);
            Write(L, L.Top, writer, function, depth);
            L.Pop(1);
        }

        writer.WriteEndObject();
    }

    private static ReadOnlySpan<byte> Text(LuaState L, int index, string function)
    {
        var bytes = L.ToUtf8Bytes(index);
        return Utf8.IsValid(bytes) ? bytes : throw Fail(function, "strings must be valid UTF-8 to be encoded");
    }

    private static LuaException Fail(string function, string reason) =>
        new($"bad argument #1 to '{function}' ({reason})");
}
