using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Moonwire.Conformance.Wire;

/// <summary>A TCP connection after a successful RFC 6455 §4 opening handshake.</summary>
public sealed record OpenSocket(Socket Socket, NetworkStream Stream, byte[] Rest, DeflateParameters? Deflate);

/// <summary>What a connecting client asked for.</summary>
public sealed record UpgradeRequest(string Path, IReadOnlyDictionary<string, string> Query, string Key, IReadOnlyList<DeflateParameters> Offers, byte[] Rest);

/// <summary>The opening handshake from both ends (RFC 6455 §4.1, §4.2).</summary>
public static class Handshake
{
    private const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static string AcceptOf(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Guid)));

    /// <summary>Connects as a client, offering <paramref name="offers"/> (none: no extension header).</summary>
    public static async Task<OpenSocket> ConnectAsync(Uri url, string resource, IReadOnlyList<DeflateParameters> offers, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(url.Host, url.Port, ct).ConfigureAwait(false);
            var stream = new NetworkStream(socket, ownsSocket: true);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = new StringBuilder()
                .Append("GET ").Append(resource).Append(" HTTP/1.1\r\n")
                .Append("Host: ").Append(url.Authority).Append("\r\n")
                .Append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n")
                .Append("Sec-WebSocket-Version: 13\r\n");
            if (offers.Count > 0)
            {
                request.Append("Sec-WebSocket-Extensions: ").AppendJoin(", ", offers).Append("\r\n");
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), ct).ConfigureAwait(false);
            var response = await HttpHead.ReadAsync(stream, ct).ConfigureAwait(false);
            if (!response.StartLine.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            {
                throw new IOException($"the server refused the upgrade: {response.StartLine}");
            }

            if (response["Sec-WebSocket-Accept"] != AcceptOf(key))
            {
                throw new IOException("the server's Sec-WebSocket-Accept does not match the key");
            }

            var agreed = DeflateParameters.ParseAll(response["Sec-WebSocket-Extensions"]);
            if (agreed.Count > 1 || (agreed.Count == 1 && offers.Count == 0))
            {
                throw new IOException($"the server agreed to extensions that were not offered: {response["Sec-WebSocket-Extensions"]}");
            }

            if (agreed.Count == 1 && agreed[0].ClientMaxWindowBits is > 0 and < 15)
            {
                throw new IOException("the server set client_max_window_bits, which the fuzzer did not offer");
            }

            return new OpenSocket(socket, stream, response.Rest, agreed.Count == 1 ? agreed[0] : null);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads an upgrade request from a client that just connected.</summary>
    public static async Task<UpgradeRequest> ReadRequestAsync(Stream stream, CancellationToken ct)
    {
        var head = await HttpHead.ReadAsync(stream, ct).ConfigureAwait(false);
        var parts = head.StartLine.Split(' ');
        if (parts.Length != 3 || parts[0] != "GET")
        {
            throw new IOException($"not a WebSocket upgrade request: {head.StartLine}");
        }

        var key = head["Sec-WebSocket-Key"] ?? throw new IOException("the request has no Sec-WebSocket-Key");
        var target = parts[1];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in target[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                query[name] = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return new UpgradeRequest(question < 0 ? target : target[..question], query, key, DeflateParameters.ParseAll(head["Sec-WebSocket-Extensions"]), head.Rest);
    }

    /// <summary>Answers 101, agreeing to <paramref name="deflate"/> when given.</summary>
    public static async Task AcceptAsync(Stream stream, UpgradeRequest request, DeflateParameters? deflate, CancellationToken ct)
    {
        var response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n")
            .Append("Server: Moonwire.Conformance\r\n")
            .Append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append("Sec-WebSocket-Accept: ").Append(AcceptOf(request.Key)).Append("\r\n");
        if (deflate is not null)
        {
            response.Append("Sec-WebSocket-Extensions: ").Append(deflate).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(response.Append("\r\n").ToString()), ct).ConfigureAwait(false);
    }
}
