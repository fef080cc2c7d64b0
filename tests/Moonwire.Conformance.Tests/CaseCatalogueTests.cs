using Moonwire.Conformance.Cases;

namespace Moonwire.Conformance.Tests;

public sealed class CaseCatalogueTests
{
    [Fact(Timeout = 10_000)]
    public async Task HasAutobahnsCaseCountsPerGroup()
    {
        await Task.Yield();
        var groups = CaseCatalogue.All.GroupBy(c => c.Numbers[0]).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(new Dictionary<int, int> { [1] = 16, [2] = 11, [3] = 7, [4] = 10, [5] = 20, [6] = 145, [7] = 37, [9] = 54, [10] = 1, [12] = 90, [13] = 126 }, groups);
        Assert.Equal(517, CaseCatalogue.All.Select(c => c.Id).Distinct().Count());
        Assert.Equal("13.7.18", CaseCatalogue.All[^1].Id);
    }

    [Fact(Timeout = 10_000)]
    public async Task SelectsByPatternAndExclusion()
    {
        await Task.Yield();
        var selected = CaseCatalogue.Select(["6.4.*", "12.1.1*", "2.1"], ["12.1.1"]);

        Assert.Equal(["2.1", "6.4.1", "6.4.2", "6.4.3", "6.4.4", "12.1.10", "12.1.11", "12.1.12", "12.1.13", "12.1.14", "12.1.15", "12.1.16", "12.1.17", "12.1.18"], selected.Select(c => c.Id));
    }
}
