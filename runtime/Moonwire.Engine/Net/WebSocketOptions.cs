namespace Moonwire.Engine.Net;

/// <summary>
/// Limits and timers of one connection. The defaults follow the small, explicit posture of
/// python-websockets (docs/reliability.md gives each with its anchor); every dialect sets its own.
/// </summary>
public sealed record WebSocketOptions
{
    /// <summary>Largest message accepted, counted after inflation; larger ones fail with 1009.</summary>
    public long MaxMessageBytes { get; init; } = 1 << 20;

    /// <summary>Most frames one message may arrive in; more fail with 1008 (ws' maxFragments).</summary>
    public int MaxFragments { get; init; } = 131_072;

    /// <summary>How long the closing handshake may take before TCP is closed regardless.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Ping this often (null: never). The pongs that answer these pings are not returned by ReceiveAsync.
    /// </summary>
    public TimeSpan? KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// With keepalive on: fail the connection with 1011 when nothing arrives this long after a Ping while a
    /// receive is waiting (python-websockets' ping_timeout).
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A write to the network that has not completed in this time fails the connection (the peer stopped
    /// reading) and the send throws; null waits as long as it takes.
    /// </summary>
    public TimeSpan? SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Size of the receive buffer; frames larger than it are streamed into the message buffer.</summary>
    public int ReceiveBufferBytes { get; init; } = 16 * 1024;

    /// <summary>Outbound bytes buffered before a sender waits for the network (backpressure).</summary>
    public int MaxBufferedSendBytes { get; init; } = 1 << 20;

    /// <summary>Largest payload of one outgoing frame; 0 sends every message as a single frame.</summary>
    public int FragmentBytes { get; init; }
}
