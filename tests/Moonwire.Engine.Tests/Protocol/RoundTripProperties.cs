using CsCheck;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Framing;
using Moonwire.Engine.Protocol;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Protocol;

/// <summary>Whatever the writer sends, the reader gives back: any payloads, fragment sizes, deflate settings and TCP chunking.</summary>
public sealed class RoundTripProperties
{
    private static readonly Gen<byte[]> Payload = Gen.OneOf(
        Gen.Byte.Array[0, 300],
        Gen.Byte[0, 3].Array[0, 70_000],
        Gen.Const(0).Select(_ => new byte[0]));

    [Fact]
    public void WriterThenReader_IsTheIdentity()
    {
        Gen.Select(Payload.Array[1, 6], Gen.Int[0, 5_000], Gen.Int[1, 20_000], Gen.Bool, Gen.Bool, Gen.Int[9, 15])
            .Sample((messages, fragmentBytes, chunk, client, deflate, windowBits) =>
            {
                DeflateParameters? agreed = deflate ? new DeflateParameters(false, true, windowBits, windowBits) : null;
                var wire = new ByteBuffer();
                using (var writer = new MessageWriter(client ? Role.Client : Role.Server, agreed, null, fragmentBytes))
                {
                    foreach (var message in messages)
                    {
                        writer.WriteMessage(wire, Opcode.Binary, message);
                    }
                }

                using var reader = new MessageReader(client ? Role.Server : Role.Client, 1 << 20, 100_000, agreed);
                var events = ReaderHarness.Feed(reader, wire.ReadableSpan.ToArray(), chunk);

                Assert.Equal(messages.Length, events.Count);
                for (var i = 0; i < messages.Length; i++)
                {
                    Assert.Equal(ReadEventKind.Message, events[i].Kind);
                    Assert.Equal(messages[i], events[i].Payload);
                }
            }, iter: 150);
    }
}
