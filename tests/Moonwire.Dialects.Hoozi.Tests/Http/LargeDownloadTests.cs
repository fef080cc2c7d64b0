namespace Moonwire.Dialects.Hoozi.Tests.Http;

[CollectionDefinition(nameof(LargeDownloadTests), DisableParallelization = true)]
public sealed class LargeDownloadCollection;

/// <summary>
/// net.http's save_to_file streams a large body to disk. Alone in a non-parallel collection, because it
/// counts what the whole process allocates during the download.
/// </summary>
[Collection(nameof(LargeDownloadTests))]
public sealed class LargeDownloadTests : IAsyncLifetime
{
    private const string Show = "function show(resp) print(resp.status, resp.ok, resp.error, resp.body) end\n";

    private HttpPeer _peer = null!;

    public async Task InitializeAsync() => _peer = await HttpPeer.StartAsync();

    public async Task DisposeAsync() => await _peer.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task LargeDownloadStreamsToAFile()
    {
        var root = Directory.CreateTempSubdirectory("hoozi-").FullName;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await using var script = await HooziScript.StartAsync(
            Show + $"net.http:get('{_peer.Url}/big.zip', {{ save_to_file = 'downloads/big.zip', timeout = 60 }}, show)", root);
        await script.Finished(50);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(["200\ttrue\t\t"], script.Lines);
        Assert.Equal(HttpPeer.BigBytes, new FileInfo(Path.Combine(root, "downloads", "big.zip")).Length);
        Assert.False(File.Exists(Path.Combine(root, "downloads", "big.zip.part")));
        // Kestrel shares this process, so allow for its buffers; a body held in memory would cost 2x the file.
        Assert.True(allocated < HttpPeer.BigBytes, $"allocated {allocated} bytes for a {HttpPeer.BigBytes}-byte download");
    }
}
