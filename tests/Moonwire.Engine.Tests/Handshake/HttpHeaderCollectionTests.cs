using Moonwire.Engine.Handshake;
using Xunit;

namespace Moonwire.Engine.Tests.Handshake;

/// <summary>RFC 9110 §5: names ignore case, a name may repeat, list values split at commas.</summary>
public sealed class HttpHeaderCollectionTests
{
    private static HttpHeaderCollection Sample() => new()
    {
        { "Host", "example.com" },
        { "X-Trace", "a" },
        { "Connection", "keep-alive" },
        { "x-trace", "b" },
        { "Connection", " Upgrade\t" },
    };

    [Fact]
    public void Get_IsTheFirstValue_WhateverTheCase()
    {
        var headers = Sample();

        Assert.Equal("a", headers.Get("X-TRACE"));
        Assert.Equal("example.com", headers.Get("host"));
        Assert.Null(headers.Get("Origin"));
    }

    [Fact]
    public void GetAll_KeepsEveryRepeat_InOrder()
    {
        var headers = Sample();

        Assert.Equal(["a", "b"], headers.GetAll("x-Trace"));
        Assert.Empty(headers.GetAll("Origin"));
    }

    [Fact]
    public void Enumeration_KeepsTheOrderAndSpellingSent()
    {
        var headers = Sample();

        Assert.Equal(5, headers.Count);
        Assert.Equal(["Host", "X-Trace", "Connection", "x-trace", "Connection"], headers.Select(h => h.Key));
        Assert.True(headers.Contains("CONNECTION"));
        Assert.False(headers.Contains("Upgrade"));
    }

    [Theory]
    [InlineData("Connection", "upgrade", true)]
    [InlineData("connection", "KEEP-ALIVE", true)]
    [InlineData("Connection", "close", false)]
    [InlineData("Connection", "upgrad", false)]
    [InlineData("Upgrade", "upgrade", false)]
    public void HasToken_LooksAcrossRepeatsIgnoringCaseAndWhitespace(string name, string token, bool expected) =>
        Assert.Equal(expected, Sample().HasToken(name, token));

    [Theory]
    [InlineData("keep-alive,Upgrade", true)]
    [InlineData(" , upgrade ,,", true)]
    [InlineData("upgraded", false)]
    [InlineData("\"x, upgrade\"", false)]
    [InlineData("\"a\\\", b\", upgrade", true)]
    [InlineData("", false)]
    public void HasToken_SplitsOnlyAtTopLevelCommas(string value, bool expected)
    {
        var headers = new HttpHeaderCollection { { "Connection", value } };

        Assert.Equal(expected, headers.HasToken("Connection", "upgrade"));
    }
}
