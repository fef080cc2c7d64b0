using System.CommandLine;
using System.Net.Sockets;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Net;

namespace Moonwire.Cli.Commands;

/// <summary><c>moonwire echo-server</c>: the engine as an Autobahn testee.</summary>
internal static class EchoServerCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => 9001 };
        var host = new Option<string>("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("echo-server", "Echo every text and binary message back; permessage-deflate is accepted.") { port, host };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(host)!, parse.GetValue(port), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string host, int port, CancellationToken cancellationToken)
    {
        await using var server = new WebSocketServer(new WebSocketServerOptions
        {
            Host = host,
            Port = port,
            Deflate = new PerMessageDeflateOptions(),
            Connection = EchoLoop.TesteeLimits,
        });
        try
        {
            server.Start();
        }
        catch (Exception e) when (e is SocketException or FormatException)
        {
            return CommandLine.Fail($"cannot listen on {host}:{port}: {e.Message}");
        }

        Console.WriteLine($"listening on {server.Url}");
        try
        {
            while (true)
            {
                var connection = await server.AcceptAsync(cancellationToken).ConfigureAwait(false);
                _ = EchoLoop.RunAsync(connection);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: the server closes every client with 1001 as it is disposed.
        }

        return CommandLine.Ok;
    }
}
