using System.Diagnostics;
using Moonwire.Engine.Compression;
using Xunit;

namespace Moonwire.Engine.Tests.Compression;

/// <summary>The Sec-WebSocket-Extensions grammar of RFC 6455 §9.1.</summary>
public sealed class ExtensionHeaderTests
{
    private static string Describe(IReadOnlyList<ExtensionElement> elements) => string.Join(" | ", elements.Select(e =>
        string.Join(" ", e.Parameters.Select(p => p.Value is null ? $"{p.Name}" : $"{p.Name}={p.Value}").Prepend(e.Name))));

    [Theory]
    [InlineData("permessage-deflate", "permessage-deflate")]
    [InlineData("permessage-deflate; client_max_window_bits", "permessage-deflate client_max_window_bits")]
    [InlineData("permessage-deflate;server_max_window_bits=10", "permessage-deflate server_max_window_bits=10")]
    [InlineData("permessage-deflate ; server_max_window_bits = 10 ;x", "permessage-deflate server_max_window_bits=10 x")]
    [InlineData("permessage-deflate; server_max_window_bits=\"10\"", "permessage-deflate server_max_window_bits=10")]
    [InlineData("a; p=\"\\1\\0\"", "a p=10")]
    [InlineData("foo, bar; baz=1 ,\tqux", "foo | bar baz=1 | qux")]
    [InlineData("foo, , bar,", "foo | bar")]
    [InlineData("  x-webkit-deflate-frame  ", "x-webkit-deflate-frame")]
    public void Section9_1_ValidValues_Parse(string value, string expected)
    {
        Assert.True(ExtensionHeader.TryParse(value, out var elements));
        Assert.Equal(expected, Describe(elements));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData(";")]
    [InlineData("permessage-deflate;")]
    [InlineData("permessage-deflate; =10")]
    [InlineData("permessage-deflate; a=")]
    [InlineData("permessage-deflate; a=\"\"")]
    [InlineData("permessage-deflate; a=\"10")]
    [InlineData("permessage-deflate; a=\"1 0\"")]
    [InlineData("permessage-deflate; a=\"1,0\"")]
    [InlineData("permessage-deflate; a=\"\\\"\"")]
    [InlineData("permessage-deflate; a=\"10\\")]
    [InlineData("permessage-deflate; a=1=2")]
    [InlineData("permessage-deflate; a b")]
    [InlineData("permessage deflate")]
    [InlineData("perméssage-deflate")]
    [InlineData("permessage-deflate; a=(1)")]
    [InlineData("\"permessage-deflate\"")]
    public void Section9_1_MalformedValues_AreRejected(string value)
    {
        Assert.False(ExtensionHeader.TryParse(value, out _));
    }

    [Fact(Timeout = 30_000)]
    public Task LongHostileValues_ParseInLinearTime() => Task.Run(() =>
    {
        // Shapes that make backtracking or quadratic parsers crawl: at 1 MB a quadratic parser needs minutes,
        // a linear one milliseconds, so a generous budget stays clear of a busy machine's noise.
        string[] hostile =
        [
            "a" + string.Concat(Enumerable.Repeat("; p=\"\\x\\y\"", 80_000)),
            string.Concat(Enumerable.Repeat("a, ", 300_000)),
            "a; p=\"" + new string('\\', 1_000_000),
            "a" + new string(' ', 1_000_000) + "!",
        ];
        ExtensionHeader.TryParse("warm; up=\"1\", up", out _);
        foreach (var value in hostile)
        {
            var clock = Stopwatch.StartNew();
            ExtensionHeader.TryParse(value, out _);
            Assert.InRange(clock.ElapsedMilliseconds, 0, 5_000);
        }
    });
}
