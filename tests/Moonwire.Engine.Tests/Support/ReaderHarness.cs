using Moonwire.Engine.Framing;
using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Tests.Support;

/// <summary>What a reader produced, with payloads copied out (they are only valid until the next Read).</summary>
internal sealed record ReadRecord(ReadEventKind Kind, Opcode Opcode, byte[] Payload, ushort CloseCode, WebSocketFault Fault);

/// <summary>Feeds a <see cref="MessageReader"/> the way a connection does, in chunks of a chosen size.</summary>
internal static class ReaderHarness
{
    public static List<ReadRecord> Feed(MessageReader reader, byte[] wire, int chunkSize = int.MaxValue)
    {
        var events = new List<ReadRecord>();
        var buffer = new List<byte>();
        for (var offset = 0; offset < wire.Length; offset += chunkSize)
        {
            buffer.AddRange(wire.AsSpan(offset, Math.Min(chunkSize, wire.Length - offset)).ToArray());
            while (true)
            {
                var input = buffer.ToArray();
                var ev = reader.Read(input, out var consumed);
                buffer.RemoveRange(0, consumed);
                if (ev.Kind == ReadEventKind.NeedMoreData)
                {
                    break;
                }

                events.Add(new ReadRecord(ev.Kind, ev.Opcode, ev.Payload.ToArray(), ev.CloseCode, ev.Fault));
            }
        }

        return events;
    }

    public static byte[] Concat(params byte[][] frames) => [.. frames.SelectMany(f => f)];
}
