using System.Text;

namespace Moonwire.Lua.Tests;

public sealed class DialectTests
{
    private static readonly DialectRegistry Registry = new([new PlainDialect()]);

    [Theory]
    [InlineData("--!dialect hoozi\nprint(1)", "hoozi")]
    [InlineData("--!dialect\tsilly \r\nprint(1)", "silly")]
    [InlineData("--!dialect plain", "plain")]
    [InlineData("--!dialectplain\n", null)]
    [InlineData("--!dialect \n", null)]
    [InlineData("--!dialect two words\n", null)]
    [InlineData("print(1)\n--!dialect hoozi\n", null)]
    [InlineData("-- !dialect hoozi\n", null)]
    [InlineData("", null)]
    public void The_first_line_names_the_dialect(string source, string? expected)
    {
        Assert.Equal(expected, DialectDirective.Read(Encoding.UTF8.GetBytes(source)));
    }

    [Fact]
    public void A_registry_finds_dialects_by_exact_name()
    {
        Assert.True(Registry.TryGet("plain", out var plain));
        Assert.Equal("plain", plain.Name);
        Assert.False(Registry.TryGet("Plain", out _));
        Assert.Contains("plain", Registry.Names);
    }
}
