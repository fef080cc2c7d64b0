using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Framing;

namespace Moonwire.Engine.Protocol;

/// <summary>
/// The receive half of a connection, sans-I/O: bytes in, events out. It unmasks in place, validates
/// UTF-8 as bytes arrive (so a bad text message fails at its first bad byte, even mid-frame), reassembles
/// fragments, inflates permessage-deflate and enforces the size and fragment limits. It never writes:
/// the replies the peer is owed (pong, close echo, the close that fails the connection) are the caller's.
/// Not thread-safe: one reader loop calls it.
/// </summary>
public sealed class MessageReader : IDisposable
{
    private readonly bool _isServer;
    private readonly long _maxMessageBytes;
    private readonly int _maxFragments;
    private readonly MessageInflater? _inflater;
    private readonly ByteBuffer _message = new();
    private readonly byte[] _control = new byte[125];

    // The frame being read when its payload spans several Read calls.
    private bool _inFrame;
    private FrameHeader _frame;
    private long _frameRemaining;
    private int _maskOffset;
    private int _controlLength;

    // The message being assembled across frames.
    private bool _inMessage;
    private Opcode _messageOpcode;
    private bool _messageCompressed;
    private int _fragments;
#pragma warning disable IDE0044 // A mutable struct: readonly would make every TryAdvance work on a copy.
    private Utf8Validator _utf8;
#pragma warning restore IDE0044
    private bool _clearMessage;

    private bool _finished;

    /// <summary>A reader for one connection's inbound bytes.</summary>
    /// <param name="role">This end: a server requires masked frames, a client refuses them.</param>
    /// <param name="maxMessageBytes">The largest message, after inflation, before the reader fails with MessageTooBig.</param>
    /// <param name="maxFragments">The most frames one message may span.</param>
    /// <param name="deflate">The agreed permessage-deflate parameters, or null when none was agreed.</param>
    public MessageReader(Role role, long maxMessageBytes, int maxFragments, DeflateParameters? deflate)
    {
        _isServer = role == Role.Server;
        _maxMessageBytes = maxMessageBytes;
        _maxFragments = maxFragments;
        if (deflate is { } d)
        {
            // We inflate what the peer compressed: its no_context_takeover lets us drop the window per message.
            var peerNoContext = _isServer ? d.ClientNoContextTakeover : d.ServerNoContextTakeover;
            _inflater = new MessageInflater(15, peerNoContext);
        }
    }

    /// <summary>
    /// Parses the next event out of <paramref name="input"/>, unmasking it in place. <paramref name="consumed"/>
    /// bytes of input are done with (for a returned message they may still back its payload until the next call).
    /// After a Close or a Fault every later call discards its input.
    /// </summary>
    public ReadEvent Read(Memory<byte> input, out int consumed)
    {
        consumed = 0;
        if (_clearMessage)
        {
            _clearMessage = false;
            _message.Clear();
            _message.TrimIfEmpty(1 << 20);
        }

        if (_finished)
        {
            consumed = input.Length;
            return ReadEvent.NeedMore;
        }

        var result = ReadCore(input, ref consumed);
        if (result.Kind is ReadEventKind.Close or ReadEventKind.Fault)
        {
            _finished = true;
        }

        return result;
    }

    private ReadEvent ReadCore(Memory<byte> input, ref int consumed)
    {
        while (true)
        {
            if (!_inFrame)
            {
                var span = input.Span[consumed..];
                var status = FrameHeader.TryRead(span, out var header);
                if (status == FrameHeaderStatus.NeedMoreData)
                {
                    return ReadEvent.NeedMore;
                }

                var fault = status == FrameHeaderStatus.PayloadLengthTopBitSet
                    ? WebSocketFault.PayloadLengthTopBitSet
                    : StartFrame(header);
                if (fault != WebSocketFault.None)
                {
                    return ReadEvent.Failed(fault);
                }

                consumed += header.Size;
                if (span.Length - header.Size >= header.PayloadLength && IsWholeInOne(header))
                {
                    // Fast path: the whole frame is in the input, so its payload is delivered in place.
                    var payload = input.Slice(consumed, (int)header.PayloadLength);
                    consumed += payload.Length;
                    if (header.Masked)
                    {
                        FrameMask.Apply(payload.Span, header.MaskKey, 0);
                    }

                    return OpcodeKind.IsControl(header.Opcode) ? ControlEvent(header.Opcode, payload) : WholeMessage(header.Opcode, payload);
                }

                _inFrame = true;
                _frame = header;
                _frameRemaining = header.PayloadLength;
                _maskOffset = 0;
                _controlLength = 0;
            }

            var take = (int)Math.Min(_frameRemaining, input.Length - consumed);
            var chunk = input.Slice(consumed, take);
            consumed += take;
            _frameRemaining -= take;
            if (_frame.Masked)
            {
                _maskOffset = FrameMask.Apply(chunk.Span, _frame.MaskKey, _maskOffset);
            }

            var frameDone = _frameRemaining == 0;
            if (OpcodeKind.IsControl(_frame.Opcode))
            {
                chunk.Span.CopyTo(_control.AsSpan(_controlLength));
                _controlLength += take;
                if (!frameDone)
                {
                    return ReadEvent.NeedMore;
                }

                _inFrame = false;
                return ControlEvent(_frame.Opcode, _control.AsMemory(0, _controlLength));
            }

            var dataFault = AppendData(chunk.Span, frameDone && _frame.Fin);
            if (dataFault != WebSocketFault.None)
            {
                return ReadEvent.Failed(dataFault);
            }

            if (!frameDone)
            {
                return ReadEvent.NeedMore;
            }

            if (EndDataFrame() is { } message)
            {
                return message;
            }
        }
    }

    /// <summary>
    /// Inside a large uncompressed data frame, with no input buffered, the caller may read the next payload
    /// bytes straight into the message buffer — one copy fewer — and hand them over with
    /// <see cref="CommitDirectPayload"/>. Empty when that does not apply (headers, control frames, deflate,
    /// or less than <paramref name="threshold"/> bytes left in the frame).
    /// </summary>
    public Memory<byte> GetDirectPayloadTarget(int threshold)
    {
        if (!_inFrame || _finished || _messageCompressed || OpcodeKind.IsControl(_frame.Opcode) || _frameRemaining < threshold)
        {
            return default;
        }

        var remaining = (int)Math.Min(_frameRemaining, int.MaxValue / 2);
        return _message.GetMemory(remaining)[..remaining];
    }

    /// <summary>Takes <paramref name="count"/> payload bytes the caller read into the target of <see cref="GetDirectPayloadTarget"/>.</summary>
    public ReadEvent CommitDirectPayload(int count)
    {
        var before = _message.Length;
        var chunk = _message.WritableMemory.Span[..count];
        if (_frame.Masked)
        {
            _maskOffset = FrameMask.Apply(chunk, _frame.MaskKey, _maskOffset);
        }

        _message.Advance(count);
        _frameRemaining -= count;
        if (_messageOpcode == Opcode.Text && !_utf8.TryAdvance(_message.ReadableSpan[before..]))
        {
            _finished = true;
            return ReadEvent.Failed(WebSocketFault.InvalidUtf8);
        }

        return _frameRemaining == 0 && EndDataFrame() is { } message ? message : ReadEvent.NeedMore;
    }

    /// <summary>A data frame's payload is complete: returns the message when it was the final fragment.</summary>
    private ReadEvent? EndDataFrame()
    {
        _inFrame = false;
        if (!_frame.Fin)
        {
            return null;
        }

        _inMessage = false;
        if (_messageOpcode == Opcode.Text && !_utf8.IsAtCodePointBoundary)
        {
            _finished = true;
            return ReadEvent.Failed(WebSocketFault.InvalidUtf8);
        }

        _clearMessage = true;
        return new ReadEvent { Kind = ReadEventKind.Message, Opcode = _messageOpcode, Payload = _message.ReadableMemory };
    }

    /// <summary>Checks a new frame against the rules and the fragmentation state, and opens a message for it.</summary>
    private WebSocketFault StartFrame(in FrameHeader header)
    {
        var fault = FrameRules.Check(header, _isServer, _inflater is not null);
        if (fault != WebSocketFault.None || OpcodeKind.IsControl(header.Opcode))
        {
            return fault;
        }

        if (header.Opcode == Opcode.Continuation)
        {
            if (!_inMessage)
            {
                return WebSocketFault.ContinuationWithoutStart;
            }
        }
        else
        {
            if (_inMessage)
            {
                return WebSocketFault.DataFrameInsideFragmentedMessage;
            }

            _inMessage = true;
            _messageOpcode = header.Opcode;
            _messageCompressed = header.Rsv1;
            _fragments = 0;
            _utf8.Reset();
        }

        if (++_fragments > _maxFragments)
        {
            return WebSocketFault.TooManyFragments;
        }

        // Decided from the header, before any payload is buffered (RFC 6455 §10.4). A compressed message is
        // limited after inflation instead, in AppendData.
        if (!_messageCompressed && _message.Length + header.PayloadLength > _maxMessageBytes)
        {
            return WebSocketFault.MessageTooBig;
        }

        return WebSocketFault.None;
    }

    private bool IsWholeInOne(in FrameHeader header) =>
        OpcodeKind.IsControl(header.Opcode) || (header.Fin && header.Opcode != Opcode.Continuation && !header.Rsv1);

    private ReadEvent WholeMessage(Opcode opcode, Memory<byte> payload)
    {
        _inMessage = false;
        if (opcode == Opcode.Text && !(_utf8.TryAdvance(payload.Span) && _utf8.IsAtCodePointBoundary))
        {
            return ReadEvent.Failed(WebSocketFault.InvalidUtf8);
        }

        return new ReadEvent { Kind = ReadEventKind.Message, Opcode = opcode, Payload = payload };
    }

    private WebSocketFault AppendData(ReadOnlySpan<byte> chunk, bool endOfMessage)
    {
        var before = _message.Length;
        if (_messageCompressed)
        {
            var status = _inflater!.Inflate(chunk, endOfMessage, _message, _maxMessageBytes - before);
            if (status != InflateStatus.Ok)
            {
                return status == InflateStatus.MessageTooBig ? WebSocketFault.MessageTooBig : WebSocketFault.CorruptDeflateStream;
            }
        }
        else
        {
            chunk.CopyTo(_message.GetSpan(chunk.Length));
            _message.Advance(chunk.Length);
        }

        if (_messageOpcode == Opcode.Text && !_utf8.TryAdvance(_message.ReadableSpan[before..]))
        {
            return WebSocketFault.InvalidUtf8;
        }

        return WebSocketFault.None;
    }

    private static ReadEvent ControlEvent(Opcode opcode, Memory<byte> payload)
    {
        if (opcode != Opcode.Close)
        {
            return new ReadEvent { Kind = opcode == Opcode.Ping ? ReadEventKind.Ping : ReadEventKind.Pong, Opcode = opcode, Payload = payload };
        }

        var fault = ClosePayload.TryParse(payload.Span, out var code, out var reason);
        if (fault != WebSocketFault.None)
        {
            return ReadEvent.Failed(fault);
        }

        return new ReadEvent
        {
            Kind = ReadEventKind.Close,
            Opcode = opcode,
            Payload = payload,
            CloseCode = code,
            CloseReason = payload[(payload.Length - reason.Length)..],
        };
    }

    /// <summary>Returns the reader's buffers and frees its inflater.</summary>
    public void Dispose()
    {
        _message.Dispose();
        _inflater?.Dispose();
    }
}
