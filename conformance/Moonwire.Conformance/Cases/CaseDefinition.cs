namespace Moonwire.Conformance.Cases;

/// <summary>
/// One Autobahn case: its number, the public description and expectation, the permessage-deflate
/// setup (groups 12 and 13), and the script that drives the testee.
/// </summary>
public sealed record CaseDefinition(string Id, string Description, string Expectation, Func<CaseRun, Task> Script)
{
    /// <summary>What the fuzzer offers as client (none: no extension header).</summary>
    public IReadOnlyList<Wire.DeflateParameters> ClientOffers { get; init; } = [];

    /// <summary>How the fuzzer answers a client's offers as server (null: it declines every extension).</summary>
    public Func<IReadOnlyList<Wire.DeflateParameters>, Wire.DeflateParameters?>? ServerAccept { get; init; }

    /// <summary>Autobahn's numbering compares part by part: 6.10.1 comes after 6.9.2.</summary>
    public IReadOnlyList<int> Numbers { get; } = [.. Id.Split('.').Select(int.Parse)];
}
