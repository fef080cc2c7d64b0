using Moonwire.Dialects.Wippy.Library;

namespace Moonwire.Dialects.Wippy.Tests;

public sealed class GoDurationTests
{
    [Theory(Timeout = 5_000)]
    [InlineData("5s", 5_000)]
    [InlineData("1m", 60_000)]
    [InlineData("300ms", 300)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m3s4ms", 123_004)]
    [InlineData("1500us", 1.5)]
    [InlineData("-2s", -2_000)]
    [InlineData("0", 0)]
    public async Task ParsesGoSyntax(string text, double milliseconds)
    {
        await Task.Yield();
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds, precision: 6);
    }

    [Theory(Timeout = 5_000)]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("s")]
    [InlineData("5x")]
    [InlineData("five seconds")]
    [InlineData("-")]
    public async Task RejectsAnythingElse(string text)
    {
        await Task.Yield();
        Assert.False(GoDuration.TryParse(text, out _));
    }
}
