using System.Text;
using System.Text.Unicode;
using Moonwire.Engine.Framing;
using Xunit;

namespace Moonwire.Engine.Tests.Framing;

/// <summary>Streaming validation (RFC 6455 §8.1) against the runtime's whole-buffer validator.</summary>
public sealed class Utf8ValidatorTests
{
    private static readonly byte[][] Samples =
    [
        "κόσμε"u8.ToArray(),
        "Hello-µ@ßöäüàá-UTF-8!!"u8.ToArray(),
        Encoding.UTF8.GetBytes("\U0010FFFF\uD7FF\uE000\uFFFD 𝄞 end"),
        [0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80, 0x65, 0x64, 0x69, 0x74, 0x65, 0x64],
        [0xc0, 0xaf],
        [0xe0, 0x80, 0xaf],
        [0xf4, 0x90, 0x80, 0x80],
        [0xf5],
        [0xff],
        [0x80],
        [0xed, 0x9f, 0xbf],
        [0xef, 0xbf, 0xbf],
        [0xf0, 0x90, 0x80, 0x80],
    ];

    [Fact]
    public void EverySplitOfEverySample_AgreesWithTheRuntime()
    {
        foreach (var sample in Samples)
        {
            for (var a = 0; a <= sample.Length; a++)
            {
                for (var b = a; b <= sample.Length; b++)
                {
                    var validator = default(Utf8Validator);
                    var valid = validator.TryAdvance(sample.AsSpan(0, a))
                        && validator.TryAdvance(sample.AsSpan(a, b - a))
                        && validator.TryAdvance(sample.AsSpan(b))
                        && validator.IsAtCodePointBoundary;
                    Assert.True(Utf8.IsValid(sample) == valid, $"{Convert.ToHexString(sample)} split at {a},{b}");
                }
            }
        }
    }

    [Fact]
    public void AnIncompleteCodePointAtTheEnd_IsNotABoundary()
    {
        var validator = default(Utf8Validator);

        Assert.True(validator.TryAdvance([0x41, 0xf0, 0x9f]));
        Assert.False(validator.IsAtCodePointBoundary);
        Assert.True(validator.TryAdvance([0x98, 0x80]));
        Assert.True(validator.IsAtCodePointBoundary);
    }

    [Fact]
    public void FailsFast_OnThePieceThatHoldsTheBadByte()
    {
        var validator = default(Utf8Validator);

        Assert.True(validator.TryAdvance("valid start "u8));
        Assert.False(validator.TryAdvance([0x41, 0xc0]));
    }

    [Fact]
    public void RandomBytesInRandomPieces_AgreeWithTheRuntime()
    {
        var random = new Random(81);
        for (var round = 0; round < 5000; round++)
        {
            var data = new byte[random.Next(0, 40)];
            for (var i = 0; i < data.Length; i++)
            {
                // Mostly plausible UTF-8 bytes so that valid inputs occur too.
                data[i] = (byte)(random.Next(4) == 0 ? random.Next(256) : random.Next(3) == 0 ? 0x80 + random.Next(64) : random.Next(0x80));
            }

            var validator = default(Utf8Validator);
            var valid = true;
            for (var at = 0; at < data.Length && valid;)
            {
                var piece = random.Next(1, 6);
                valid = validator.TryAdvance(data.AsSpan(at, Math.Min(piece, data.Length - at)));
                at += piece;
            }

            Assert.Equal(Utf8.IsValid(data), valid && validator.IsAtCodePointBoundary);
        }
    }

    [Fact]
    public void Reset_ForgetsAPartialCodePoint()
    {
        var validator = default(Utf8Validator);
        validator.TryAdvance([0xe2]);

        validator.Reset();

        Assert.True(validator.IsAtCodePointBoundary);
        Assert.False(validator.TryAdvance([0x82]));
    }
}
