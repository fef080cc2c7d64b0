using Moonwire.Conformance.Cases;

namespace Moonwire.Conformance.Tests;

public sealed class ConformanceExpectationsTests
{
    [Fact(Timeout = 10_000)]
    public async Task ReportsEveryCaseWhoseVerdictDiffersFromTheList()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "# comment\n6.4.3  NON-STRICT  checks per frame\n7.1.6 INFORMATIONAL open\n");
            var expectations = ConformanceExpectations.Load(path);
            var summary = new ConformanceSummary("t", [Result("1.1.1", Verdict.Ok), Result("6.4.3", Verdict.Ok), Result("7.1.6", Verdict.Informational), Result("2.1", Verdict.Failed)]);

            Assert.Equal(["6.4.3: expected NON-STRICT, got OK", "2.1: expected OK, got FAILED"], expectations.Mismatches(summary));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task RejectsALineWithoutAVerdictOrReason()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "6.4.3 NON-STRICT\n");
            Assert.Throws<FormatException>(() => ConformanceExpectations.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static CaseResult Result(string id, Verdict verdict) =>
        new(CaseCatalogue.All.Single(c => c.Id == id), new CaseOutcome(verdict, "", verdict == Verdict.Failed ? Verdict.Failed : Verdict.Ok, "", null, []), TimeSpan.Zero);
}
