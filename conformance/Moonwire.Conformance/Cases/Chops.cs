using Moonwire.Conformance.Fuzzing;

namespace Moonwire.Conformance.Cases;

/// <summary>How a case's frames are cut into TCP writes; a correct testee must not care.</summary>
internal enum Chops
{
    /// <summary>All frames in one write.</summary>
    Together,

    /// <summary>One write per frame, with a pause so each leaves in its own segment.</summary>
    FrameWise,

    /// <summary>One write per octet.</summary>
    OctetWise,
}

internal static class ChopSending
{
    public static async Task SendAsync(this CaseRun run, Chops chops, params OutFrame[] frames)
    {
        switch (chops)
        {
            case Chops.Together:
                await run.Connection.SendAsync(frames, raw: true).ConfigureAwait(false);
                break;
            default:
                foreach (var frame in frames)
                {
                    await run.Connection.SendAsync([frame], chops == Chops.OctetWise ? 1 : 0, raw: true).ConfigureAwait(false);
                    await Task.Delay(5).ConfigureAwait(false);
                }

                break;
        }
    }
}
