using System.Buffers;
using System.Security.Cryptography;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Framing;

namespace Moonwire.Engine.Protocol;

/// <summary>
/// The send half of a connection, sans-I/O: turns messages and control frames into wire bytes in an
/// <see cref="IBufferWriter{T}"/>. Masks as a client must (RFC 6455 §5.3), compresses when
/// permessage-deflate was agreed (RFC 7692 §7.2.1), and splits large messages into fragments when asked.
/// Not thread-safe: the connection serialises writers.
/// </summary>
public sealed class MessageWriter : IDisposable
{
    private readonly bool _isClient;
    private readonly int _fragmentBytes;
    private readonly int _compressionThreshold;
    private readonly MessageDeflater? _deflater;
    private readonly ByteBuffer _compressed = new();
    private readonly byte[] _maskKeys = new byte[256];
    private int _maskKeyOffset = 256;
    private bool _inFragmentedMessage;

    /// <param name="fragmentBytes">Largest payload of one frame; 0 sends every message as one frame.</param>
    /// <param name="role">This end: a client masks every frame.</param>
    /// <param name="deflate">The agreed permessage-deflate parameters, or null to send uncompressed.</param>
    /// <param name="deflateOptions">This side's compression level and threshold.</param>
    public MessageWriter(Role role, DeflateParameters? deflate, PerMessageDeflateOptions? deflateOptions, int fragmentBytes = 0)
    {
        _isClient = role == Role.Client;
        _fragmentBytes = fragmentBytes;
        if (deflate is { } d)
        {
            var windowBits = _isClient ? d.ClientMaxWindowBits : d.ServerMaxWindowBits;
            var noContext = _isClient ? d.ClientNoContextTakeover : d.ServerNoContextTakeover;
            var options = deflateOptions ?? new PerMessageDeflateOptions();
            _deflater = new MessageDeflater(windowBits, noContext, options.Level);
            _compressionThreshold = options.Threshold;
        }
    }

    /// <summary>Writes one whole Text or Binary message, compressed when agreed, worthwhile and allowed.</summary>
    public void WriteMessage(IBufferWriter<byte> output, Opcode opcode, ReadOnlySpan<byte> payload, bool allowCompression = true)
    {
        if (opcode is not (Opcode.Text or Opcode.Binary))
        {
            throw new ArgumentException("A message is Text or Binary.", nameof(opcode));
        }

        if (_inFragmentedMessage)
        {
            throw new InvalidOperationException("A fragmented message is still open: finish it with a final continuation frame.");
        }

        var compress = allowCompression && _deflater is { CanCompress: true } && payload.Length >= _compressionThreshold;
        if (compress)
        {
            _compressed.Clear();
            _deflater!.Compress(payload, endOfMessage: true, _compressed);
            payload = _compressed.ReadableSpan;
        }

        if (_fragmentBytes <= 0 || payload.Length <= _fragmentBytes)
        {
            WriteFrameCore(output, fin: true, compress, opcode, payload);
        }
        else
        {
            // RSV1 marks the first frame of a compressed message only (RFC 7692 §6.1).
            for (var offset = 0; offset < payload.Length; offset += _fragmentBytes)
            {
                var part = payload.Slice(offset, Math.Min(_fragmentBytes, payload.Length - offset));
                var first = offset == 0;
                WriteFrameCore(output, fin: offset + part.Length == payload.Length, compress && first, first ? opcode : Opcode.Continuation, part);
            }
        }

        _compressed.TrimIfEmpty(1 << 20);
    }

    /// <summary>
    /// Writes only the header of a whole message whose payload the caller sends from its own memory, so a
    /// large payload is never copied. Only an unmasked (server), uncompressed, single-frame message can go
    /// this way; otherwise nothing is written and the answer is false.
    /// </summary>
    public bool TryWriteHeaderOnly(IBufferWriter<byte> output, Opcode opcode, int payloadLength, bool allowCompression)
    {
        var compress = allowCompression && _deflater is { CanCompress: true } && payloadLength >= _compressionThreshold;
        var fragment = _fragmentBytes > 0 && payloadLength > _fragmentBytes;
        if (_isClient || compress || fragment || _inFragmentedMessage || opcode is not (Opcode.Text or Opcode.Binary))
        {
            return false;
        }

        output.Advance(FrameHeader.Write(output.GetSpan(FrameHeader.MaxSize), fin: true, rsv1: false, opcode, payloadLength, maskKey: null));
        return true;
    }

    /// <summary>
    /// Writes one raw, uncompressed frame (for APIs that expose frames). Keeps the wire valid: control
    /// frames are final and at most 125 bytes, and continuations follow an open message.
    /// </summary>
    public void WriteFrame(IBufferWriter<byte> output, bool fin, Opcode opcode, ReadOnlySpan<byte> payload)
    {
        if (!OpcodeKind.IsDefined(opcode))
        {
            throw new ArgumentException($"Opcode 0x{(byte)opcode:X} is reserved (RFC 6455 §5.2).", nameof(opcode));
        }

        if (OpcodeKind.IsControl(opcode))
        {
            if (opcode == Opcode.Close)
            {
                throw new ArgumentException("Close frames go through the closing handshake.", nameof(opcode));
            }

            WriteControl(output, opcode, payload, fin);
            return;
        }

        if (opcode == Opcode.Continuation != _inFragmentedMessage)
        {
            throw new InvalidOperationException(_inFragmentedMessage
                ? "A fragmented message is open: the next data frame must be a continuation."
                : "There is no fragmented message to continue.");
        }

        _inFragmentedMessage = !fin;
        WriteFrameCore(output, fin, rsv1: false, opcode, payload);
    }

    /// <summary>Writes a Ping or Pong (RFC 6455 §5.5.2–5.5.3).</summary>
    public void WriteControl(IBufferWriter<byte> output, Opcode opcode, ReadOnlySpan<byte> payload) =>
        WriteControl(output, opcode, payload, fin: true);

    /// <summary>Writes a Close frame; an empty reason with code 1005 writes the empty Close (RFC 6455 §5.5.1).</summary>
    public void WriteClose(IBufferWriter<byte> output, ushort code, ReadOnlySpan<byte> utf8Reason)
    {
        Span<byte> payload = stackalloc byte[2 + ClosePayload.MaxReasonBytes];
        var length = code == CloseCode.NoStatus ? 0 : ClosePayload.Write(payload, code, utf8Reason);
        WriteFrameCore(output, fin: true, rsv1: false, Opcode.Close, payload[..length]);
    }

    private void WriteControl(IBufferWriter<byte> output, Opcode opcode, ReadOnlySpan<byte> payload, bool fin)
    {
        if (!fin)
        {
            throw new ArgumentException("Control frames cannot be fragmented (RFC 6455 §5.5).", nameof(fin));
        }

        if (payload.Length > 125)
        {
            throw new ArgumentException("A control frame carries at most 125 bytes (RFC 6455 §5.5).", nameof(payload));
        }

        WriteFrameCore(output, fin: true, rsv1: false, opcode, payload);
    }

    private void WriteFrameCore(IBufferWriter<byte> output, bool fin, bool rsv1, Opcode opcode, ReadOnlySpan<byte> payload)
    {
        uint? key = _isClient ? NextMaskKey() : null;
        var size = FrameHeader.SizeOf(payload.Length, key.HasValue) + payload.Length;
        var span = output.GetSpan(size);
        var headerSize = FrameHeader.Write(span, fin, rsv1, opcode, payload.Length, key);
        if (key is { } k)
        {
            FrameMask.Apply(payload, span.Slice(headerSize, payload.Length), k, 0);
        }
        else
        {
            payload.CopyTo(span[headerSize..]);
        }

        output.Advance(size);
    }

    /// <summary>Mask keys come from the CSPRNG (RFC 6455 §5.3), drawn 64 at a time.</summary>
    private uint NextMaskKey()
    {
        if (_maskKeyOffset == _maskKeys.Length)
        {
            RandomNumberGenerator.Fill(_maskKeys);
            _maskKeyOffset = 0;
        }

        var key = BitConverter.ToUInt32(_maskKeys, _maskKeyOffset);
        _maskKeyOffset += 4;
        return key;
    }

    /// <summary>Returns the writer's buffers and frees its deflater.</summary>
    public void Dispose()
    {
        _compressed.Dispose();
        _deflater?.Dispose();
    }
}
