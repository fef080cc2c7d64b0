using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace Moonwire.Engine.Net;

/// <summary>
/// One reusable gathered send (sendmsg with two buffers): a frame header, behind whatever was corked, and a
/// payload straight from the caller's array. Awaiting it allocates nothing, unlike the Task that
/// <see cref="Socket.SendAsync(IList{ArraySegment{byte}}, SocketFlags)"/> returns. One send at a time: the
/// connection's socket lock guarantees it.
/// </summary>
internal sealed class GatheredSend : SocketAsyncEventArgs, IValueTaskSource
{
    private readonly ArraySegment<byte>[] _buffers = new ArraySegment<byte>[2];
    private ManualResetValueTaskSourceCore<bool> _completion;

    public GatheredSend()
        : base(unsafeSuppressExecutionContextFlow: true)
    {
    }

    /// <summary>Sends every byte of <paramref name="head"/> then <paramref name="payload"/>; faults with an IOException as NetworkStream would.</summary>
    public ValueTask SendAsync(Socket socket, ArraySegment<byte> head, ArraySegment<byte> payload)
    {
        _completion.Reset();
        _buffers[0] = head;
        _buffers[1] = payload;
        BufferList = _buffers;
        if (!socket.SendAsync(this))
        {
            Complete();
        }

        return new ValueTask(this, _completion.Version);
    }

    /// <inheritdoc/>
    public void GetResult(short token) => _completion.GetResult(token);

    /// <inheritdoc/>
    public ValueTaskSourceStatus GetStatus(short token) => _completion.GetStatus(token);

    /// <inheritdoc/>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    /// <inheritdoc/>
    protected override void OnCompleted(SocketAsyncEventArgs e) => Complete();

    private void Complete()
    {
        // Drop the references to the caller's payload: the connection keeps this object.
        _buffers[1] = default;
        BufferList = null;
        if (SocketError == SocketError.Success)
        {
            _completion.SetResult(true);
        }
        else
        {
            var error = new SocketException((int)SocketError);
            _completion.SetException(new IOException("Unable to write data to the transport connection: " + error.Message, error));
        }
    }
}
