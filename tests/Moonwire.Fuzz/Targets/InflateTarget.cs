using System.Buffers;
using Moonwire.Engine.Compression;

namespace Moonwire.Fuzz;

/// <summary>
/// <see cref="MessageInflater"/> with an output-cap oracle: a stream of compressed frames, cut into messages,
/// is inflated twice, under a small cap and under a large one. Under the small cap a message never grows
/// past it, hitting it is the clean <see cref="InflateStatus.MessageTooBig"/>, and a message that fits is
/// byte-identical to the large-cap result (never truncated). Input: byte 0 (bits 0–2 window bits − 8, bit 3
/// peer drops its context), byte 1 the chunk plan, byte 2 the cap in units of 64 bytes, then the frames.
/// </summary>
public static class InflateTarget
{
    private const int LargeCap = 256 * 1024;

    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 3)
        {
            return;
        }

        var windowBits = 8 + (input[0] & 7);
        var noContextTakeover = (input[0] & 8) != 0;
        var cap = input[2] * 64;
        var frames = input[3..];
        using var small = new MessageInflater(windowBits, noContextTakeover);
        using var large = new MessageInflater(windowBits, noContextTakeover);
        var smallOutput = new ArrayBufferWriter<byte>();
        var largeOutput = new ArrayBufferWriter<byte>();
        var plan = new ChunkPlan(input[1]);
        var position = 0;
        while (position < frames.Length)
        {
            var frame = frames.Slice(position, plan.Next(frames.Length - position));
            position += frame.Length;
            var endOfMessage = position == frames.Length || plan.OneIn(4);
            var smallStatus = small.Inflate(frame, endOfMessage, smallOutput, cap - smallOutput.WrittenCount);
            var largeStatus = large.Inflate(frame, endOfMessage, largeOutput, LargeCap - largeOutput.WrittenCount);
            InvariantViolation.ThrowUnless(smallOutput.WrittenCount <= cap, "a message never inflates past the cap");
            InvariantViolation.ThrowUnless(largeOutput.WrittenCount <= LargeCap, "a message never inflates past the cap");
            if (smallStatus == InflateStatus.Ok)
            {
                InvariantViolation.ThrowUnless(largeStatus == InflateStatus.Ok && smallOutput.WrittenSpan.SequenceEqual(largeOutput.WrittenSpan),
                    "what fits under the small cap inflates the same under the large one");
            }
            else
            {
                // The large run reads at least as far: it finds the message longer than the small cap, or a fault.
                InvariantViolation.ThrowUnless(smallStatus == InflateStatus.Corrupt ? largeStatus != InflateStatus.Ok : largeStatus != InflateStatus.Ok || largeOutput.WrittenCount > cap,
                    $"the large cap agrees with the small one's {smallStatus}");
                InvariantViolation.ThrowUnless(largeOutput.WrittenSpan.StartsWith(smallOutput.WrittenSpan), "the output before a stop is a true prefix");
                return;
            }

            if (endOfMessage)
            {
                smallOutput.Clear();
                largeOutput.Clear();
            }
        }
    }
}
