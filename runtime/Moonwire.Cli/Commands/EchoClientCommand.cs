using System.CommandLine;
using System.Globalization;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Net;

namespace Moonwire.Cli.Commands;

/// <summary><c>moonwire echo-client</c>: the engine as an Autobahn client agent.</summary>
internal static class EchoClientCommand
{
    public static Command Create()
    {
        // A string, not Option<Uri>: with System.CommandLine 2.0.15 here, binding "ws://127.0.0.1:9001" to Uri fails.
        var url = new Option<string>("--url") { Description = "The fuzzing server, e.g. ws://127.0.0.1:9001.", Required = true };
        var agent = new Option<string>("--agent") { Description = "Agent name in the reports.", DefaultValueFactory = _ => "moonwire" };
        var command = new Command("echo-client", "Run every case of an Autobahn fuzzing server, echoing each message, then update its reports.") { url, agent };
        command.SetAction((parse, cancellationToken) => Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var server)
            ? RunAsync(server, parse.GetValue(agent)!, cancellationToken)
            : Task.FromResult(CommandLine.Fail($"'{parse.GetValue(url)}' is not a ws:// URL")));
        return command;
    }

    private static async Task<int> RunAsync(Uri server, string agent, CancellationToken cancellationToken)
    {
        var options = new WebSocketClientOptions { Connection = EchoLoop.TesteeLimits, Deflate = new PerMessageDeflateOptions() };
        var name = Uri.EscapeDataString(agent);
        try
        {
            var count = int.Parse(await ReceiveTextAsync(new Uri(server, "getCaseCount"), cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            for (var i = 1; i <= count; i++)
            {
                var connection = await WebSocketClient.ConnectAsync(new Uri(server, $"runCase?case={i}&agent={name}"), options, cancellationToken)
                    .ConfigureAwait(false);
                await EchoLoop.RunAsync(connection).ConfigureAwait(false);
            }

            await ReceiveTextAsync(new Uri(server, $"updateReports?agent={name}"), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"ran {count} cases as agent '{agent}'");
            return CommandLine.Ok;
        }
        catch (Exception e) when (e is WebSocketException or FormatException or IOException)
        {
            return CommandLine.Fail(e.Message);
        }
    }

    /// <summary>Connects, returns the first text message (empty when none), and closes.</summary>
    private static async Task<string> ReceiveTextAsync(Uri url, CancellationToken cancellationToken)
    {
        await using var connection = await WebSocketClient.ConnectAsync(url, cancellationToken: cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var message = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            switch (message.Kind)
            {
                case MessageKind.Text:
                    var text = message.Text;
                    await connection.CloseAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    return text;
                case MessageKind.Close:
                    return "";
            }
        }
    }
}
