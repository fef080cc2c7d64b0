using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Interop;

/// <summary>
/// Both directions against real peers in their own processes: Node's ws 8.23 and Debian's
/// python-websockets (tests/peers), every size from 0 B to 16 MiB, with and without permessage-deflate.
/// </summary>
public sealed class ExternalPeerInteropTests
{
    public static TheoryData<PeerKind, bool> Peers => new()
    {
        { PeerKind.NodeWs, false },
        { PeerKind.NodeWs, true },
        { PeerKind.PythonWebsockets, false },
        { PeerKind.PythonWebsockets, true },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Peers))]
    public async Task OurClient_AgainstTheirServer_EchoesEverySize(PeerKind kind, bool deflate)
    {
        await using var peer = PeerProcess.EchoServer(kind, deflate);
        var port = await peer.PortAsync();

        var compressed = await EchoCheck.RunAsync(new Uri($"ws://127.0.0.1:{port}/"), deflate);

        Assert.Equal(deflate, compressed);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Peers))]
    public async Task TheirClient_AgainstOurServer_EchoesEverySize(PeerKind kind, bool deflate)
    {
        await using var server = EchoServer.Start(deflate);
        await using var peer = PeerProcess.EchoCheck(kind, server.Url, deflate);

        var exitCode = await peer.ExitCodeAsync(TimeSpan.FromSeconds(100));

        Assert.True(exitCode == 0, peer.Output);
        Assert.Contains($"ok {Payloads.InteropSizes.Length * 2} deflate={(deflate ? "true" : "false")}", peer.Output, StringComparison.Ordinal);
        Assert.Equal(deflate ? 1 : 0, server.CompressedConnections);
    }
}
