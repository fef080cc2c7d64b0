using System.Diagnostics;
using System.Globalization;

namespace Moonwire.Conformance.Cases;

/// <summary>
/// The bulk cases (9, 10, 12, 13): send messages one at a time, each echo checked before the next,
/// all within a time limit; the case judges itself and then closes normally.
/// </summary>
internal static class EchoTimed
{
    public static async Task RunAsync(CaseRun run, int count, TimeSpan limit, Func<int, (byte[] Payload, bool Binary)> next, Func<byte[], bool, Task> send)
    {
        run.RecordEvents = false;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var (payload, binary) = next(i);
            await send(payload, binary).ConfigureAwait(false);
            var echo = await run.NextMessageAsync(limit - clock.Elapsed).ConfigureAwait(false);
            if (echo is null)
            {
                run.Decide(Verdict.Failed, string.Create(CultureInfo.InvariantCulture, $"Case did not finish within {limit.TotalSeconds} seconds ({i} of {count} messages echoed)."));
                run.KillAfter(0);
                return;
            }

            if (echo.Binary != binary || !echo.Payload.Span.SequenceEqual(payload))
            {
                run.Decide(Verdict.Failed, string.Create(CultureInfo.InvariantCulture, $"Echo'ed message {i + 1} differs from what was sent: got {echo}, sent {payload.Length} octets ({(binary ? "binary" : "text")})."));
                await run.SendCloseAsync(ExpectedClose.Normal).ConfigureAwait(false);
                return;
            }
        }

        run.Decide(Verdict.Ok, string.Create(CultureInfo.InvariantCulture, $"Ok, received all {count} echo'ed messages in {clock.Elapsed.TotalMilliseconds:F0} ms."));
        await run.SendCloseAsync(ExpectedClose.Normal).ConfigureAwait(false);
    }
}
