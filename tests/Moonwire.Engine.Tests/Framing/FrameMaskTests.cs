using Moonwire.Engine.Framing;
using Xunit;

namespace Moonwire.Engine.Tests.Framing;

/// <summary>The vector masking path against the scalar reference (RFC 6455 §5.3).</summary>
public sealed class FrameMaskTests
{
    private const uint Key = 0x3d21fa37;

    [Fact]
    public void EveryLengthAndOffset_MatchesTheScalarReference()
    {
        var random = new Random(6455);
        for (var length = 0; length <= 300; length++)
        {
            for (var offset = 0; offset < 4; offset++)
            {
                var data = new byte[length];
                random.NextBytes(data);
                var expected = data.ToArray();

                var next = FrameMask.Apply(data, Key, offset);

                Assert.Equal(FrameMask.ApplyScalar(expected, Key, offset), next);
                Assert.Equal(expected, data);
            }
        }
    }

    [Theory]
    [InlineData(1 << 20)]
    [InlineData((1 << 20) + 7)]
    public void LargeUnalignedSpans_MatchTheScalarReference(int length)
    {
        var buffer = new byte[length + 3];
        new Random(length).NextBytes(buffer);
        var data = buffer.AsSpan(3);
        var expected = data.ToArray();

        FrameMask.Apply(data, Key, 1);
        FrameMask.ApplyScalar(expected, Key, 1);

        Assert.True(data.SequenceEqual(expected));
    }

    [Fact]
    public void UnmaskingInPieces_EqualsUnmaskingWhole()
    {
        var data = new byte[1000];
        new Random(1).NextBytes(data);
        var whole = data.ToArray();
        FrameMask.Apply(whole, Key, 0);

        var offset = 0;
        foreach (var (start, end) in new[] { (0, 3), (3, 70), (70, 71), (71, 1000) })
        {
            offset = FrameMask.Apply(data.AsSpan(start, end - start), Key, offset);
        }

        Assert.Equal(whole, data);
    }

    [Fact]
    public void CopyingForm_LeavesTheSourceAlone()
    {
        var source = "Hello, masked world, long enough for a vector"u8.ToArray();
        var destination = new byte[source.Length];

        FrameMask.Apply(source, destination, Key, 2);
        var roundTrip = destination.ToArray();
        FrameMask.Apply(roundTrip, Key, 2);

        Assert.Equal("Hello, masked world, long enough for a vector"u8.ToArray(), source);
        Assert.Equal(source, roundTrip);
        Assert.NotEqual(source, destination);
    }

    [Fact]
    public void CopyingForm_RefusesAShortDestination() =>
        Assert.Throws<ArgumentException>(() => FrameMask.Apply(new byte[8], new byte[7], Key, 0));
}
