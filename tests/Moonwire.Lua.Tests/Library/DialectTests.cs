using System.Text;

namespace Moonwire.Lua.Tests;

public sealed class DialectTests
{
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
    public void The_builtin_registry_has_the_plain_dialect_and_nothing_unknown()
    {
        Assert.True(DialectRegistry.Builtin.TryGet("plain", out var plain));
        Assert.Equal("plain", plain.Name);
        Assert.False(DialectRegistry.Builtin.TryGet("Plain", out _));
        Assert.Contains("plain", DialectRegistry.Builtin.Names);
    }
}
