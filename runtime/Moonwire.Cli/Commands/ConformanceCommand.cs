using System.CommandLine;
using Moonwire.Conformance;

namespace Moonwire.Cli.Commands;

/// <summary>
/// <c>moonwire conformance server|client</c>: the Autobahn-equivalent suite against a server URL or a
/// client agent. Prints the summary line last; exit 1 when any case FAILED, or (with --expect) when
/// any verdict differs from the testee's written expectations.
/// </summary>
internal static class ConformanceCommand
{
    public static Command Create() => new("conformance", "Run the Autobahn-equivalent conformance suite (groups 1-13).") { Server(), Client() };

    private static Command Server()
    {
        var url = new Argument<string>("url") { Description = "The ws:// URL of the server to test." };
        var (report, cases, exclude, messages, expect) = CommonOptions();
        var command = new Command("server", "Test the WebSocket server at URL (the suite is the client).") { url, report, cases, exclude, messages, expect };
        command.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var target) || target.Scheme != "ws")
            {
                return CommandLine.Fail($"'{parse.GetValue(url)}' is not a ws:// URL");
            }

            var summary = await ConformanceRunner.TestServerAsync(target, Options(parse, report, cases, exclude, messages), Console.Out, ct).ConfigureAwait(false);
            return Verdict(summary, parse.GetValue(expect));
        });
        return command;
    }

    private static Command Client()
    {
        var agent = new Argument<string>("agent") { Description = "The client agent's name in the reports." };
        var run = new Argument<string[]>("command") { Description = "The agent's command line, after '--'; {url} is replaced by the fuzzing server's URL.", Arity = ArgumentArity.OneOrMore };
        var (report, cases, exclude, messages, expect) = CommonOptions();
        var command = new Command("client", "Start the fuzzing server on a free loopback port and test the client agent COMMAND drives against it.") { report, cases, exclude, messages, expect, agent, run };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var summary = await ConformanceRunner.TestClientAsync(parse.GetValue(agent)!, parse.GetValue(run)!, Options(parse, report, cases, exclude, messages), Console.Out, ct).ConfigureAwait(false);
                return Verdict(summary, parse.GetValue(expect));
            }
            catch (InvalidOperationException e)
            {
                return CommandLine.Fail(e.Message);
            }
        });
        return command;
    }

    /// <summary>The exit code: failure on any FAILED case or on any verdict the expectations file does not list.</summary>
    private static int Verdict(ConformanceSummary summary, string? expectationsFile)
    {
        var mismatches = expectationsFile is null ? [] : ConformanceExpectations.Load(expectationsFile).Mismatches(summary);
        foreach (var mismatch in mismatches)
        {
            Console.Error.WriteLine($"moonwire: {mismatch}");
        }

        return summary.Failed > 0 || mismatches.Count > 0 ? CommandLine.Failure : CommandLine.Ok;
    }

    private static (Option<string> Report, Option<string> Cases, Option<string> Exclude, Option<int> Messages, Option<string?> Expect) CommonOptions() =>
    (
        new Option<string>("--report") { Description = "Folder for index.json and summary.md.", Required = true },
        new Option<string>("--cases") { Description = "Comma-separated case patterns to run, e.g. 1.*,5.*.", DefaultValueFactory = _ => "*" },
        new Option<string>("--exclude") { Description = "Comma-separated case patterns to leave out, e.g. 9.*.", DefaultValueFactory = _ => "" },
        new Option<int>("--compression-messages") { Description = "Messages per group 12/13 case (Autobahn sends 1000).", DefaultValueFactory = _ => 1000 },
        new Option<string?>("--expect") { Description = "Expected results (CASE VERDICT REASON per exception, see conformance/expectations/); any other verdict fails." }
    );

    private static ConformanceOptions Options(ParseResult parse, Option<string> report, Option<string> cases, Option<string> exclude, Option<int> messages) => new()
    {
        ReportDirectory = parse.GetValue(report)!,
        Cases = Patterns(parse.GetValue(cases)),
        Excludes = Patterns(parse.GetValue(exclude)),
        CompressionMessages = parse.GetValue(messages),
    };

    private static string[] Patterns(string? list) => (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
