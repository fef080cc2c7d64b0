using System.Diagnostics;
using Moonwire.Conformance.Cases;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Fuzzing;

/// <summary>Runs one case's script on an open connection and judges it once the connection is gone.</summary>
internal static class CaseExecution
{
    // Every script arms a timer that ends the connection; this only catches a testee that defeats them.
    private static readonly TimeSpan EndGrace = TimeSpan.FromSeconds(15);

    public static async Task<CaseResult> RunAsync(CaseDefinition definition, OpenSocket open, bool isServer, ConformanceOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var log = new WireLog();
        await using var connection = new CaseConnection(open, isServer, log);
        var run = new CaseRun(connection, options);
        try
        {
            await definition.Script(run).WaitAsync(ct).ConfigureAwait(false);
            await connection.Lost.WaitAsync(EndGrace, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            connection.Drop("the connection outlived the case");
        }
        finally
        {
            if (ct.IsCancellationRequested)
            {
                connection.Drop("the run was cancelled");
            }
        }

        return new CaseResult(definition, run.Judge(), clock.Elapsed);
    }
}
