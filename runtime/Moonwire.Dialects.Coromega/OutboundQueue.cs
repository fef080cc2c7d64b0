using System.Text.Unicode;
using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Coromega;

/// <summary>
/// Messages a script sends without waiting: they leave in the order sent. A failure seen at once is
/// the send's error string; a later one shows as the connection ending (its nil message).
/// </summary>
internal sealed class OutboundQueue(WebSocketConnection connection)
{
    private Task<string?> _last = Task.FromResult<string?>(null);

    public string? Send(byte[] payload, bool isText = true)
    {
        if (connection.State is not WebSocketState.Open)
        {
            return "send failed: the connection is closed";
        }

        // RFC 6455 §8.1: a text message must be UTF-8; sending anything else would make the peer fail the connection.
        if (isText && !Utf8.IsValid(payload))
        {
            return "send failed: the message is not valid UTF-8, which a text message must be";
        }

        var sending = _last.IsCompleted ? SendAsync(payload, isText) : SendAfterAsync(_last, payload, isText);
        if (sending.IsCompleted)
        {
            return sending.Result;
        }

        _last = sending;
        return null;
    }

    private async Task<string?> SendAfterAsync(Task previous, byte[] payload, bool isText)
    {
        await previous.ConfigureAwait(false);
        return await SendAsync(payload, isText).ConfigureAwait(false);
    }

    private async Task<string?> SendAsync(byte[] payload, bool isText)
    {
        try
        {
            await connection.SendAsync(payload, isText).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            return "send failed: " + e.Message;
        }
    }
}
