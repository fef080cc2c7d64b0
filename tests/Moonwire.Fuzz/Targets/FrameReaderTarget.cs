using System.Buffers;
using System.Text.Unicode;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Framing;
using Moonwire.Engine.Protocol;

namespace Moonwire.Fuzz;

/// <summary>
/// <see cref="MessageReader"/> on a hostile byte stream, driven the way <c>WebSocketConnection</c> drives it.
/// Input: byte 0 flags (bit 0 server role, bit 1 deflate negotiated, bit 2 peer drops its context, bit 3
/// large payloads read straight into the message buffer), byte 1 the chunk plan, then the wire bytes.
/// The stream is read twice, in chunks and all at once, and both reads must yield the same events
/// (RFC 6455 is "TCP clean": the split of a stream into reads never changes its meaning).
/// </summary>
public static class FrameReaderTarget
{
    /// <summary>Small limits, so the fuzzer reaches them quickly.</summary>
    private const int MaxMessageBytes = 4096;

    private const int MaxFragments = 32;

    /// <summary>Payloads this long or longer may bypass the receive buffer (the connection uses its buffer size).</summary>
    private const int DirectThreshold = 16;

    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
        {
            return;
        }

        var flags = input[0];
        var stream = input[2..];
        var chunked = Read(flags, stream, new ChunkPlan(input[1]));
        var whole = Read((byte)(flags & ~8), stream, plan: null);
        Compare(chunked, whole);
    }

    private static List<Event> Read(byte flags, ReadOnlySpan<byte> stream, ChunkPlan? plan)
    {
        var role = (flags & 1) != 0 ? Role.Server : Role.Client;
        DeflateParameters? deflate = (flags & 2) == 0 ? null : new DeflateParameters((flags & 4) != 0, (flags & 4) != 0, 15, 15);
        var direct = (flags & 8) != 0;
        using var reader = new MessageReader(role, MaxMessageBytes, MaxFragments, deflate);
        using var buffer = new ByteBuffer();
        var events = new List<Event>();
        var position = 0;
        var pendingConsume = 0;
        var chunks = plan ?? default;
        while (true)
        {
            buffer.Consume(pendingConsume);
            pendingConsume = 0;
            var available = buffer.Length;
            var ev = reader.Read(buffer.ReadableMemory, out var consumed);
            InvariantViolation.ThrowUnless(consumed >= 0 && consumed <= available, "Read consumes only bytes it was given");
            if (ev.Kind == ReadEventKind.NeedMoreData)
            {
                buffer.Consume(consumed);

                // Every complete header is taken at once: a reader that waits while holding one would hang (F-9).
                InvariantViolation.ThrowUnless(buffer.Length < FrameHeader.MaxSize, "NeedMoreData leaves less than a header unread");
                if (position == stream.Length)
                {
                    return events;
                }

                var length = plan is null ? stream.Length - position : chunks.Next(stream.Length - position);
                var target = direct && buffer.Length == 0 ? reader.GetDirectPayloadTarget(DirectThreshold) : default;
                if (target.IsEmpty)
                {
                    buffer.Write(stream.Slice(position, length));
                    position += length;
                    continue;
                }

                length = Math.Min(length, target.Length);
                stream.Slice(position, length).CopyTo(target.Span);
                position += length;
                ev = reader.CommitDirectPayload(length);
                if (ev.Kind == ReadEventKind.NeedMoreData)
                {
                    continue;
                }

                consumed = 0;
            }

            pendingConsume = consumed;
            events.Add(Check(ev));
            if (ev.Kind is ReadEventKind.Close or ReadEventKind.Fault)
            {
                // After the end, whatever still arrives is discarded.
                buffer.Consume(pendingConsume);
                var rest = buffer.ReadableMemory;
                var after = reader.Read(rest, out var discarded);
                InvariantViolation.ThrowUnless(after.Kind == ReadEventKind.NeedMoreData && discarded == rest.Length, "input after a Close or a fault is discarded");
                return events;
            }
        }
    }

    private static Event Check(in ReadEvent ev)
    {
        var payload = ev.Payload.Span;
        switch (ev.Kind)
        {
            case ReadEventKind.Message:
                InvariantViolation.ThrowUnless(payload.Length <= MaxMessageBytes, "no message exceeds the limit");
                InvariantViolation.ThrowUnless(ev.Opcode is Opcode.Text or Opcode.Binary, "a message is text or binary");
                InvariantViolation.ThrowUnless(ev.Opcode != Opcode.Text || Utf8.IsValid(payload), "a text message is valid UTF-8");
                break;
            case ReadEventKind.Ping or ReadEventKind.Pong:
                InvariantViolation.ThrowUnless(payload.Length <= 125, "a control payload is at most 125 bytes");
                break;
            case ReadEventKind.Close:
                InvariantViolation.ThrowUnless(payload.Length <= 125, "a control payload is at most 125 bytes");
                InvariantViolation.ThrowUnless(payload.IsEmpty ? ev.CloseCode == CloseCode.NoStatus : CloseCode.IsValidOnWire(ev.CloseCode),
                    "a Close carries a code that may be sent, or none");
                InvariantViolation.ThrowUnless(Utf8.IsValid(ev.CloseReason.Span), "a close reason is valid UTF-8");
                break;
            case ReadEventKind.Fault:
                InvariantViolation.ThrowUnless(ev.Fault != WebSocketFault.None, "a fault is named");
                break;
            default:
                throw new InvariantViolation($"Read returned an unknown event kind {ev.Kind}");
        }

        return new Event(ev.Kind, ev.Opcode, Convert.ToHexString(payload), ev.CloseCode, ev.Fault);
    }

    private static void Compare(List<Event> chunked, List<Event> whole)
    {
        InvariantViolation.ThrowUnless(chunked.Count == whole.Count, $"chunked and whole reads yield as many events ({chunked.Count} vs {whole.Count})");
        for (var i = 0; i < whole.Count; i++)
        {
            var (a, b) = (chunked[i], whole[i]);

            // Where a message is both too big and corrupt, which is seen first depends on the chunk boundaries.
            var samePayloadFault = a.Kind == ReadEventKind.Fault && b.Kind == ReadEventKind.Fault && IsPayloadFault(a.Fault) && IsPayloadFault(b.Fault);
            InvariantViolation.ThrowUnless(a == b || samePayloadFault, $"event {i} is the same in chunked and whole reads ({a} vs {b})");
        }
    }

    private static bool IsPayloadFault(WebSocketFault fault) =>
        fault is WebSocketFault.InvalidUtf8 or WebSocketFault.MessageTooBig or WebSocketFault.CorruptDeflateStream;

    private readonly record struct Event(ReadEventKind Kind, Opcode Opcode, string PayloadHex, ushort CloseCode, WebSocketFault Fault);
}
