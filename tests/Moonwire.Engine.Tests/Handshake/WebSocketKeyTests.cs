using Moonwire.Engine.Handshake;
using Xunit;

namespace Moonwire.Engine.Tests.Handshake;

/// <summary>RFC 6455 §1.3 and §4.2.2 item 5.4: the key nonce and the accept value derived from it.</summary>
public sealed class WebSocketKeyTests
{
    private const string SampleKey = "dGhlIHNhbXBsZSBub25jZQ==";

    [Fact]
    public void Section1_3_SampleKey_GivesTheRfcAccept() =>
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketKey.ComputeAccept(SampleKey));

    [Fact]
    public void Section1_3_SampleKey_IsTheBase64OfTheSampleNonce()
    {
        Assert.True(WebSocketKey.IsValid(SampleKey));
        Assert.Equal("the sample nonce"u8.ToArray(), Convert.FromBase64String(SampleKey));
    }

    [Fact]
    public void Section4_1_CreatedKeys_AreFresh16ByteNonces()
    {
        var keys = Enumerable.Range(0, 64).Select(_ => WebSocketKey.Create()).ToList();

        Assert.All(keys, k => Assert.True(WebSocketKey.IsValid(k), k));
        Assert.All(keys, k => Assert.Equal(16, Convert.FromBase64String(k).Length));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("the sample nonce")]
    [InlineData("dGhlIHNhbXBsZSBub25j")]
    [InlineData("dGhlIHNhbXBsZSBub25jZTE=")]
    [InlineData("dGhlIHNhbXBsZSBub25jZT")]
    [InlineData("dGhlIHNhbXBsZSBub25jZQ=")]
    [InlineData("dGhlIHNhbXBsZSBub25jZQ===")]
    [InlineData("dGhlIHNhbXBsZSBub25jZQ!=")]
    [InlineData("dGhlIHNhbXBsZSBub25j ZQ=")]
    [InlineData(" GhlIHNhbXBsZSBub25jZQ==")]
    [InlineData("dGhlIHNhbXBsZSBub25jZQ==dGhlIHNhbXBsZSBub25jZQ==")]
    public void Section4_2_1_KeysThatAreNotTheBase64Of16Bytes_AreInvalid(string? key) =>
        Assert.False(WebSocketKey.IsValid(key));
}
