using System.CommandLine;
using System.Globalization;
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
        var suite = new SuiteOptions();
        var command = new Command("server", "Test the WebSocket server at URL (the suite is the client).") { url };
        suite.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var target) || target.Scheme != "ws")
            {
                return CommandLine.Fail($"'{parse.GetValue(url)}' is not a ws:// URL");
            }

            var summary = await ConformanceRunner.TestServerAsync(target, suite.Read(parse), Console.Out, ct).ConfigureAwait(false);
            return Verdict(summary, parse.GetValue(suite.Expect));
        });
        return command;
    }

    private static Command Client()
    {
        var agent = new Argument<string>("agent") { Description = "The client agent's name in the reports." };
        var run = new Argument<string[]>("command") { Description = "The agent's command line, after '--'; {url} is replaced by the fuzzing server's URL.", Arity = ArgumentArity.OneOrMore };
        var suite = new SuiteOptions();
        var command = new Command("client", "Start the fuzzing server on a free loopback port and test the client agent COMMAND drives against it.");
        suite.AddTo(command);
        command.Add(agent);
        command.Add(run);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var summary = await ConformanceRunner.TestClientAsync(parse.GetValue(agent)!, parse.GetValue(run)!, suite.Read(parse), Console.Out, ct).ConfigureAwait(false);
                return Verdict(summary, parse.GetValue(suite.Expect));
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

    /// <summary>The options both modes share.</summary>
    private sealed class SuiteOptions
    {
        private readonly Option<string> _report = new("--report") { Description = "Folder for index.json and summary.md.", Required = true };
        private readonly Option<string> _cases = new("--cases") { Description = "Comma-separated case patterns to run, e.g. 1.*,5.*.", DefaultValueFactory = _ => "*" };
        private readonly Option<string> _exclude = new("--exclude") { Description = "Comma-separated case patterns to leave out, e.g. 9.*.", DefaultValueFactory = _ => "" };
        private readonly Option<int> _messages = new("--compression-messages") { Description = "Messages per group 12/13 case (Autobahn sends 1000).", DefaultValueFactory = _ => 1000 };
        private readonly Option<double> _slack = new("--case-timer-slack")
        {
            Description = "Seconds added to every case timer before a testee is cut off (a loaded machine needs some; Autobahn: 0).",
            DefaultValueFactory = _ => 0,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= 600)
                {
                    return seconds;
                }

                result.AddError($"--case-timer-slack takes seconds from 0 to 600, not '{text}'");
                return 0;
            },
        };

        public Option<string?> Expect { get; } = new("--expect") { Description = "Expected results (CASE VERDICT REASON per exception, see conformance/expectations/); any other verdict fails." };

        public void AddTo(Command command)
        {
            command.Add(_report);
            command.Add(_cases);
            command.Add(_exclude);
            command.Add(_messages);
            command.Add(_slack);
            command.Add(Expect);
        }

        public ConformanceOptions Read(ParseResult parse) => new()
        {
            ReportDirectory = parse.GetValue(_report)!,
            Cases = Patterns(parse.GetValue(_cases)),
            Excludes = Patterns(parse.GetValue(_exclude)),
            CompressionMessages = parse.GetValue(_messages),
            CaseTimerSlack = TimeSpan.FromSeconds(parse.GetValue(_slack)),
        };

        private static string[] Patterns(string? list) => (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
