using System.Text;
using KeraLua;
using Moonwire.Dialects.Wippy.Library;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Wippy.Websocket;

/// <summary>
/// <c>websocket.connect</c>'s options turned into engine options. The generated bindings have checked
/// the types and ranges; this reads what they leave on the stack (tables, durations, modes).
/// </summary>
internal sealed record ClientSettings
{
    // Wippy's defaults: a 16 MiB read limit, a receive buffer of 16 messages.
    public const long DefaultReadLimit = 16 << 20;
    public const int DefaultChannelCapacity = 16;

    public const long CompressionDisabled = 0;
    public const long CompressionContextTakeover = 1;
    public const long CompressionNoContext = 2;

    public required WebSocketClientOptions Client { get; init; }

    public TimeSpan? DialTimeout { get; init; }

    public TimeSpan? ReadTimeout { get; init; }

    public TimeSpan? WriteTimeout { get; init; }

    public int ChannelCapacity { get; init; } = DefaultChannelCapacity;

    /// <summary>Reads the options; a value the bindings could not judge throws <see cref="LuaException"/>.</summary>
    public static ClientSettings Read(LuaState L, ConnectOptions options)
    {
        var readLimit = options.ReadLimit is null or 0 ? DefaultReadLimit : options.ReadLimit.Value;
        return new ClientSettings
        {
            Client = new WebSocketClientOptions
            {
                Headers = options.Headers == 0 ? [] : Headers(L, options.Headers),
                SubProtocols = options.Protocols == 0 ? [] : Protocols(L, options.Protocols),
                Deflate = Deflate(options.Compression ?? CompressionDisabled, (int)(options.CompressionThreshold ?? 0)),
                Connection = new WebSocketOptions { MaxMessageBytes = readLimit },
            },
            DialTimeout = Duration(L, options.DialTimeout, "dial_timeout"),
            ReadTimeout = Duration(L, options.ReadTimeout, "read_timeout"),
            WriteTimeout = Duration(L, options.WriteTimeout, "write_timeout"),
            ChannelCapacity = (int)(options.ChannelCapacity ?? DefaultChannelCapacity),
        };
    }

    private static List<KeyValuePair<string, string>> Headers(LuaState L, int table)
    {
        var headers = new List<KeyValuePair<string, string>>();
        L.PushNil();
        while (L.Next(table))
        {
            // As in Wippy, only string → string pairs are headers; anything else is skipped.
            if (L.TypeAt(-2) == LuaType.String && L.TypeAt(-1) == LuaType.String)
            {
                headers.Add(new(L.ToUtf8String(-2), L.ToUtf8String(-1)));
            }

            L.Pop(1);
        }

        return headers;
    }

    private static List<string> Protocols(LuaState L, int table)
    {
        var protocols = new List<string>();
        for (var i = 1; L.RawGetInteger(table, i) == LuaType.String; i++)
        {
            protocols.Add(L.ToUtf8String(-1));
            L.Pop(1);
        }

        L.Pop(1);
        return protocols;
    }

    private static PerMessageDeflateOptions? Deflate(long mode, int threshold) => mode switch
    {
        CompressionDisabled => null,
        // 0 keeps the library's own thresholds (coder/websocket: 128 bytes with context takeover, 512 without).
        CompressionContextTakeover => new PerMessageDeflateOptions { Threshold = threshold == 0 ? 128 : threshold },
        CompressionNoContext => new PerMessageDeflateOptions
        {
            ClientNoContextTakeover = true,
            ServerNoContextTakeover = true,
            Threshold = threshold == 0 ? 512 : threshold,
        },
        _ => throw new LuaException($"bad argument #2 to 'connect' (field 'compression': invalid option '{mode}')"),
    };

    // A number is milliseconds, a string a Go duration ("5s", "1m30s"); 0 means none.
    private static TimeSpan? Duration(LuaState L, int index, string field)
    {
        if (index == 0)
        {
            return null;
        }

        TimeSpan duration;
        if (L.TypeAt(index) == LuaType.Number)
        {
            duration = TimeSpan.FromMilliseconds(L.ToNumber(index));
        }
        else if (!GoDuration.TryParse(Encoding.UTF8.GetString(L.ToUtf8Bytes(index)), out duration))
        {
            throw new LuaException($"bad argument #2 to 'connect' (field '{field}': invalid duration '{L.ToUtf8String(index)}')");
        }

        if (duration < TimeSpan.Zero)
        {
            throw new LuaException($"bad argument #2 to 'connect' (field '{field}': negative duration)");
        }

        return duration == TimeSpan.Zero ? null : duration;
    }
}
