using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Net;

/// <summary>
/// Write coalescing: a send that finds room in the outbound buffer completes at once and a queued flush
/// writes what gathered, while later sends fill the buffer again. Our client runs over a real loopback
/// socket whose writes are counted, and can be held to stand for a write the network has not taken yet.
/// </summary>
public sealed class CoalescingTests
{
    [Fact(Timeout = 20_000)]
    public async Task BurstOfSmallSends_LeavesInAFewWrites_AndArrivesWholeAndInOrder()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions());
        const int count = 200;

        for (var i = 0; i < count; i++)
        {
            await pair.Client.SendAsync(Numbered(i), isText: false);
        }

        for (var i = 0; i < count; i++)
        {
            var message = await pair.Server.ReceiveAsync();
            Assert.Equal(MessageKind.Binary, message.Kind);
            Assert.Equal(i, BinaryPrimitives.ReadInt32BigEndian(message.Payload.Span));
        }

        // Written one by one, the burst would take 200 writes.
        Assert.InRange(pair.Writes, 1, count / 10);
    }

    [Fact(Timeout = 20_000)]
    public async Task LoneSend_IsWritten_WithoutAnyFurtherCallOnTheConnection()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions());

        await pair.Client.SendAsync(Numbered(7), isText: false);

        var message = await pair.Server.ReceiveAsync();
        Assert.Equal(7, BinaryPrimitives.ReadInt32BigEndian(message.Payload.Span));
        Assert.Equal(1, pair.Writes);
    }

    [Theory(Timeout = 90_000)]
    [InlineData(1024)]
    [InlineData(64 * 1024)]
    public async Task BurstOfSends_WhileTheirEchoesComeBack_IsEchoedWholeAndInOrder(int size)
    {
        // Up to 1 MiB gathers in the client's buffer while echoes stream back. A receive loop that wrote that
        // buffer itself deadlocked such a burst in the benchmark (docs/performance.md); this test does not
        // force that interleaving, so the guard against it is StartFill's rule, and this one checks the bytes.
        await using var server = EchoServer.Start(deflate: false);
        await using var client = await WebSocketClient.ConnectAsync(server.Url, new WebSocketClientOptions
        {
            Connection = new WebSocketOptions { SendTimeout = TimeSpan.FromSeconds(10) },
        });
        var payload = new byte[size];
        new Random(size).NextBytes(payload);
        const int count = 1024;

        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await client.SendAsync(payload, isText: false);
            }
        });
        for (var i = 0; i < count; i++)
        {
            var echo = await client.ReceiveAsync();
            Assert.Equal(MessageKind.Binary, echo.Kind);
            Assert.True(payload.AsSpan().SequenceEqual(echo.Payload.Span), $"echo {i} differs");
        }

        await sending;
    }

    [Fact(Timeout = 60_000)]
    public async Task SmallSends_ToAPeerThatNeverReads_StayBounded_AndFailAtTheSendTimeout()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions { SendTimeout = TimeSpan.FromSeconds(1) });
        var payload = new byte[1024];
        var sent = 0;

        // The server never reads: sends complete until the buffer limit, then wait for a network that is full.
        var error = await Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            while (true)
            {
                await pair.Client.SendAsync(payload, isText: false);
                Assert.True(++sent < 256 * 1024, "256 MiB accepted for a peer that reads nothing");
            }
        });

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Closed, pair.Client.State);
    }

    [Fact(Timeout = 20_000)]
    public async Task FlushThatFailsAfterItsSendCompleted_EndsTheConnection_AndTheNextSendSaysWhy()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions());
        pair.ResetServerSocket();

        // The first writes may still reach the kernel; once the reset is back, a queued flush fails.
        var error = await SendUntilRefusedAsync(pair.Client);

        Assert.Contains("dropped", error.Message, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Closed, pair.Client.State);
        var close = await pair.Client.ReceiveAsync();
        Assert.Equal(MessageKind.Close, close.Kind);
        Assert.Equal(CloseCode.Abnormal, close.CloseCode);
    }

    [Fact(Timeout = 20_000)]
    public async Task WhileAWriteIsUnderWay_SendsStillCompleteIntoTheBuffer_AndFollowInOneWrite()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions());
        pair.HoldWrites();
        await pair.Client.SendAsync(Numbered(0), isText: false);
        await pair.WaitForWritesAsync(1);

        for (var i = 1; i < 100; i++)
        {
            // Once one write held the only lock, every sender waited for it.
            Assert.True(pair.Client.SendAsync(Numbered(i), isText: false).IsCompletedSuccessfully, $"send {i} waited for the held write");
        }

        pair.ReleaseWrites();
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(i, BinaryPrimitives.ReadInt32BigEndian((await pair.Server.ReceiveAsync()).Payload.Span));
        }

        Assert.Equal(2, pair.Writes);
    }

    [Fact(Timeout = 20_000)]
    public async Task SenderPastTheLimit_WaitsUntilAWriteTakesTheBuffer()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions { MaxBufferedSendBytes = 4096 });
        var parked = await FillBufferBehindAHeldWriteAsync(pair, CancellationToken.None);

        await Task.Delay(100);
        Assert.False(parked.IsCompleted);
        pair.ReleaseWrites();
        await parked;

        var received = await ReceiveFirstBytesAsync(pair.Server, 5);
        Assert.Equal([0, 1, 2, 3, 4], received);
    }

    [Fact(Timeout = 20_000)]
    public async Task SenderWhoseMessageFillsTheBuffer_WaitsUntilAWriteTakesIt_AndCancellingNoLongerUnsendsIt()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions { MaxBufferedSendBytes = 4096 });
        using var cancel = new CancellationTokenSource();
        pair.HoldWrites();
        await pair.Client.SendAsync(Sized(0, 10), isText: false);
        await pair.WaitForWritesAsync(1);

        // Buffered at once, but alone past the limit: its sender waits (it used to write it and wait for that).
        var filling = pair.Client.SendAsync(Sized(1, 5000), isText: false, cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Task.Delay(100);
        Assert.False(filling.IsCompleted);
        pair.ReleaseWrites();
        await filling;

        var received = await ReceiveFirstBytesAsync(pair.Server, 2);
        Assert.Equal([0, 1], received);
    }

    [Fact(Timeout = 20_000)]
    public async Task SenderWhoseMessageFillsTheBuffer_WhenOurCloseTakesIt_LearnsItWasSent()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions { MaxBufferedSendBytes = 4096 });
        pair.HoldWrites();
        var ping = pair.Client.PingAsync().AsTask();
        await pair.WaitForWritesAsync(1);

        // The Close waits for the socket ahead of the flush the message queues, so the Close's write takes the
        // buffer: the message leaves just ahead of it.
        var closing = pair.Client.CloseAsync();
        var filling = pair.Client.SendAsync(Sized(1, 5000), isText: false).AsTask();
        pair.ReleaseWrites();

        Assert.Equal(MessageKind.Ping, (await pair.Server.ReceiveAsync()).Kind);
        Assert.Equal(1, (await pair.Server.ReceiveAsync()).Payload.Span[0]);
        Assert.Equal(MessageKind.Close, (await pair.Server.ReceiveAsync()).Kind);
        await filling;
        await Task.WhenAll(ping, closing);
    }

    [Fact(Timeout = 20_000)]
    public async Task SenderWaitingForRoom_WhenCancelled_ThrowsAndItsMessageIsNeverSent()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions { MaxBufferedSendBytes = 4096 });
        using var cancel = new CancellationTokenSource();
        var parked = await FillBufferBehindAHeldWriteAsync(pair, cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await parked);
        pair.ReleaseWrites();
        await pair.Client.SendAsync(Sized(5, 10), isText: false);

        // Messages 0–3 were buffered before the cancelled one; 5 is next.
        var received = await ReceiveFirstBytesAsync(pair.Server, 5);
        Assert.Equal([0, 1, 2, 3, 5], received);
    }

    [Fact(Timeout = 20_000)]
    public async Task SenderWaitingForRoom_WhenTheConnectionIsAborted_LearnsWhy()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions { MaxBufferedSendBytes = 4096 });
        var parked = await FillBufferBehindAHeldWriteAsync(pair, CancellationToken.None);

        pair.Client.Abort();

        var error = await Assert.ThrowsAsync<WebSocketException>(async () => await parked);
        Assert.Contains("aborted", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task FlushOnAStreamThatThrowsAtOnce_EndsTheConnection_AndTheNextSendSaysWhy()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions());
        // As a disposed NetworkStream does: the write throws instead of returning a failed task. Thrown out of
        // the queued flush, that ended the test process.
        pair.ThrowOnWrites();

        var error = await SendUntilRefusedAsync(pair.Client);

        Assert.Contains("dropped", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task FewPings_WhileAWriteIsUnderWay_EachGetTheirPong_InOrder()
    {
        await using var pair = await CountedPair.OpenAsync(new WebSocketOptions());
        pair.HoldWrites();
        await pair.Client.SendAsync(Numbered(0), isText: false);
        await pair.WaitForWritesAsync(1);

        for (var i = 1; i <= 10; i++)
        {
            await pair.Server.PingAsync(Numbered(i));
            Assert.Equal(MessageKind.Ping, (await pair.Client.ReceiveAsync()).Kind);
        }

        // Autobahn 2.10 and 2.11 want a pong for every ping; only a flood is answered for its latest alone.
        pair.ReleaseWrites();
        Assert.Equal(MessageKind.Binary, (await pair.Server.ReceiveAsync()).Kind);
        for (var i = 1; i <= 10; i++)
        {
            var pong = await pair.Server.ReceiveAsync();
            Assert.Equal((MessageKind.Pong, i), (pong.Kind, BinaryPrimitives.ReadInt32BigEndian(pong.Payload.Span)));
        }
    }

    /// <summary>
    /// Holds the client's writes, sends message 0 (whose write is then held) and 1–3, which nearly fill a 4 KiB
    /// buffer; returns the send of message 4, which has to wait for room.
    /// </summary>
    private static async Task<Task> FillBufferBehindAHeldWriteAsync(CountedPair pair, CancellationToken cancellationToken)
    {
        pair.HoldWrites();
        await pair.Client.SendAsync(Sized(0, 1200), isText: false);
        await pair.WaitForWritesAsync(1);
        for (var i = 1; i < 4; i++)
        {
            Assert.True(pair.Client.SendAsync(Sized(i, 1200), isText: false).IsCompletedSuccessfully);
        }

        var parked = pair.Client.SendAsync(Sized(4, 1200), isText: false, cancellationToken).AsTask();
        Assert.False(parked.IsCompleted);
        return parked;
    }

    /// <summary>
    /// Sends small messages, a millisecond apart, until one is refused: a send completes once buffered, so a
    /// failed flush shows only in a later send.
    /// </summary>
    private static Task<WebSocketException> SendUntilRefusedAsync(WebSocketConnection client) =>
        Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                await client.SendAsync(Numbered(i), isText: false);
                await Task.Delay(1);
            }
        });

    private static async Task<int[]> ReceiveFirstBytesAsync(WebSocketConnection connection, int count)
    {
        var firstBytes = new int[count];
        for (var i = 0; i < count; i++)
        {
            firstBytes[i] = (await connection.ReceiveAsync()).Payload.Span[0];
        }

        return firstBytes;
    }

    private static byte[] Sized(int first, int length)
    {
        var payload = new byte[length];
        payload[0] = (byte)first;
        return payload;
    }

    private static byte[] Numbered(int i)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, i);
        return payload;
    }

    /// <summary>Our client and our server over one loopback TCP connection, the client's writes counted.</summary>
    private sealed class CountedPair : IAsyncDisposable
    {
        private readonly Socket _serverSocket;
        private readonly CountingStream _clientStream;

        private CountedPair(Socket clientSocket, Socket serverSocket, WebSocketOptions options)
        {
            _serverSocket = serverSocket;
            _clientStream = new CountingStream(new NetworkStream(clientSocket, ownsSocket: true));
            Client = WebSocketConnection.FromStream(_clientStream, Role.Client, options);
            Server = WebSocketConnection.FromStream(new NetworkStream(serverSocket, ownsSocket: true), Role.Server, options);
        }

        public WebSocketConnection Client { get; }

        public WebSocketConnection Server { get; }

        public int Writes => _clientStream.Writes;

        /// <summary>Client writes from now on wait, as if the network took nothing, until <see cref="ReleaseWrites"/>.</summary>
        public void HoldWrites() => _clientStream.Hold();

        public void ReleaseWrites() => _clientStream.Release();

        public void ThrowOnWrites() => _clientStream.ThrowOnWrites = true;

        public async Task WaitForWritesAsync(int count)
        {
            while (Writes < count)
            {
                await Task.Delay(1);
            }
        }

        public static async Task<CountedPair> OpenAsync(WebSocketOptions options)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await client.ConnectAsync(listener.LocalEndpoint);
            var server = await listener.AcceptSocketAsync();
            return new CountedPair(client, server, options with { KeepAliveInterval = null, CloseTimeout = TimeSpan.FromSeconds(1) });
        }

        /// <summary>Closes the server's socket with a TCP reset: the client's writes start failing.</summary>
        public void ResetServerSocket()
        {
            _serverSocket.LingerState = new LingerOption(true, 0);
            _serverSocket.Close();
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        private int _writes;
        private TaskCompletionSource? _hold;

        public bool ThrowOnWrites { get; set; }

        public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _hold?.TrySetResult();

        public int Writes => Volatile.Read(ref _writes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            ObjectDisposedException.ThrowIf(ThrowOnWrites, this);
            return _hold is { } hold ? HeldWriteAsync(hold.Task, buffer, cancellationToken) : inner.WriteAsync(buffer, cancellationToken);
        }

        private async ValueTask HeldWriteAsync(Task hold, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
        {
            await hold.WaitAsync(cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Write(byte[] buffer, int offset, int count)
        {
            Interlocked.Increment(ref _writes);
            inner.Write(buffer, offset, count);
        }

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                // A held write fails as one on a closed socket does.
                _hold?.TrySetException(new ObjectDisposedException(nameof(CountingStream)));
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
