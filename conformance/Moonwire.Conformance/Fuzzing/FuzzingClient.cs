using System.Net.Sockets;
using Moonwire.Conformance.Cases;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Fuzzing;

/// <summary>Tests a server: one connection to its URL per case, the fuzzer playing the client.</summary>
internal static class FuzzingClient
{
    public static async Task<IReadOnlyList<CaseResult>> RunAsync(Uri url, IReadOnlyList<CaseDefinition> cases, ConformanceOptions options, Action<CaseResult> progress, CancellationToken ct)
    {
        var results = new List<CaseResult>();
        foreach (var definition in cases)
        {
            CaseResult result;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var open = await Handshake.ConnectAsync(url, url.PathAndQuery, definition.ClientOffers, timeout.Token).ConfigureAwait(false);
                result = await CaseExecution.RunAsync(definition, open, isServer: false, options, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or FormatException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                result = new CaseResult(definition, CaseOutcome.NotOpened(e.Message), TimeSpan.Zero);
            }

            results.Add(result);
            progress(result);
        }

        return results;
    }
}
