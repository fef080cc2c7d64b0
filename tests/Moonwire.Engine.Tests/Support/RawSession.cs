using Moonwire.Engine.Compression;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Xunit;

namespace Moonwire.Engine.Tests.Support;

/// <summary>What the application saw from one receive, payload copied out.</summary>
internal sealed record Seen(MessageKind Kind, byte[] Payload, ushort CloseCode, WebSocketFault Fault);

/// <summary>
/// The engine in one role over a real loopback socket, its peer a <see cref="RawPeer"/> in the other:
/// our server with a raw client, or our client with a raw server. Frames built here are masked exactly
/// when the peer is the client, so a test states a row once and runs it in both roles.
/// </summary>
internal sealed class RawSession : IAsyncDisposable
{
    /// <summary>The extension offer (or answer) a peer sends to agree permessage-deflate with the engine's defaults.</summary>
    public const string DeflateHeader = "Sec-WebSocket-Extensions: permessage-deflate\r\n";

    private readonly WebSocketServer? _server;

    private RawSession(Role engineRole, WebSocketConnection engine, RawPeer peer, WebSocketServer? server)
    {
        EngineRole = engineRole;
        Engine = engine;
        Peer = peer;
        _server = server;
    }

    /// <summary>Theory data that runs every value with our engine as the server and as the client.</summary>
    public static TheoryData<Role, T> InBothRoles<T>(IEnumerable<T> values)
    {
        var data = new TheoryData<Role, T>();
        foreach (var value in values)
        {
            data.Add(Role.Server, value);
            data.Add(Role.Client, value);
        }

        return data;
    }

    public Role EngineRole { get; }

    public WebSocketConnection Engine { get; }

    public RawPeer Peer { get; }

    /// <summary>A raw client masks its frames; a raw server does not (RFC 6455 §5.1).</summary>
    public bool PeerMasks => EngineRole == Role.Server;

    /// <param name="engineRole">The role our engine plays; the raw peer plays the other.</param>
    /// <param name="options">The engine's connection limits.</param>
    /// <param name="deflate">Agree permessage-deflate with these engine settings.</param>
    /// <param name="extensionHeader">The peer's extension offer or answer; by default plain permessage-deflate when <paramref name="deflate"/> is set.</param>
    public static async Task<RawSession> OpenAsync(Role engineRole, WebSocketOptions? options = null, PerMessageDeflateOptions? deflate = null,
        string? extensionHeader = null)
    {
        options ??= new WebSocketOptions();
        var extension = extensionHeader ?? (deflate is null ? "" : DeflateHeader);
        if (engineRole == Role.Client)
        {
            var (peer, client) = await RawPeer.ServeAsync(new WebSocketClientOptions { Connection = options, Deflate = deflate }, extension);
            return new RawSession(engineRole, client, peer, null);
        }

        var server = Loopback.StartServer(new WebSocketServerOptions { Connection = options, Deflate = deflate });
        var rawClient = await RawPeer.OpenAsync(server.Url, extension);
        return new RawSession(engineRole, await server.AcceptAsync(), rawClient, server);
    }

    /// <summary>A frame from the peer, masked when the peer is the client.</summary>
    public byte[] Frame(int opcode, ReadOnlySpan<byte> payload, bool fin = true, int rsv = 0, int? forceLengthBytes = null) =>
        RawFrame.Build(opcode, payload, fin, PeerMasks, rsv, forceLengthBytes);

    public byte[] Close(ushort code, string reason = "") => RawFrame.Close(code, reason, PeerMasks);

    /// <summary>One receive by the application, copied out.</summary>
    public async Task<Seen> ReceiveAsync()
    {
        var message = await Engine.ReceiveAsync();
        return new Seen(message.Kind, message.Payload.ToArray(), message.CloseCode, message.Fault);
    }

    /// <summary>Everything the application receives up to and including the Close that ends the connection.</summary>
    public async Task<List<Seen>> ReceiveUntilClosedAsync()
    {
        var seen = new List<Seen>();
        do
        {
            seen.Add(await ReceiveAsync());
        }
        while (seen[^1].Kind != MessageKind.Close);

        return seen;
    }

    /// <summary>
    /// The engine failed the connection as a peer expects (RFC 6455 §7.1.7): a Close with
    /// <paramref name="code"/> on the wire, TCP closed after it, and the application told the same code.
    /// </summary>
    public async Task AssertFailedWithAsync(ushort code, Task<List<Seen>> application)
    {
        Xunit.Assert.Equal(code, await Peer.ReadCloseCodeAsync());
        Xunit.Assert.True(await Peer.IsClosedByPeerAsync());
        var seen = await application;
        Xunit.Assert.Equal((MessageKind.Close, code), (seen[^1].Kind, seen[^1].CloseCode));
        Xunit.Assert.NotEqual(WebSocketFault.None, seen[^1].Fault);
        Xunit.Assert.Equal(WebSocketState.Closed, Engine.State);
    }

    public async ValueTask DisposeAsync()
    {
        await Peer.DisposeAsync();
        await Engine.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
