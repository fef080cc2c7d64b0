namespace Moonwire.Conformance.Cases;

/// <summary>Autobahn's verdicts, for a case's behaviour and for its close behaviour.</summary>
public enum Verdict
{
    Ok,
    NonStrict,
    Informational,
    Unimplemented,
    Failed,
}

public static class VerdictNames
{
    public static string Label(this Verdict verdict) => verdict switch
    {
        Verdict.Ok => "OK",
        Verdict.NonStrict => "NON-STRICT",
        Verdict.Informational => "INFORMATIONAL",
        Verdict.Unimplemented => "UNIMPLEMENTED",
        _ => "FAILED",
    };

    /// <summary>One verdict for the summary counts: a failure of either half wins, then the behaviour's kind.</summary>
    public static Verdict Overall(Verdict behavior, Verdict close) =>
        behavior == Verdict.Failed || close == Verdict.Failed ? Verdict.Failed
        : behavior is Verdict.Unimplemented or Verdict.Informational ? behavior
        : behavior == Verdict.NonStrict || close == Verdict.NonStrict ? Verdict.NonStrict
        : Verdict.Ok;
}
