using System.CommandLine;
using Moonwire.Lua;

namespace Moonwire.Cli.Commands;

/// <summary><c>moonwire run [--dialect NAME] script.lua [args]</c>: runs a dialect script until it has nothing left to do.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var dialects = Dialects.All;
        var script = new Argument<FileInfo>("script") { Description = "The Lua script to run." }.AcceptExistingOnly();
        var args = new Argument<string[]>("args")
        {
            Description = "Arguments for the script, seen as '...' (put them after '--' if they start with '-').",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var dialect = new Option<string>("--dialect", "-d")
        {
            Description = $"The platform API the script is written for; otherwise its first line '--!dialect NAME', else '{PlainDialect.DialectName}'.",
        };
        dialect.AcceptOnlyFromAmong([.. dialects.Names]);
        var root = new Option<DirectoryInfo>("--root")
        {
            Description = "The folder the script's file paths resolve under (default: the script's folder).",
        }.AcceptExistingOnly();
        var logLevel = new Option<HostLogLevel>("--log-level")
        {
            Description = "The least important log level shown.",
            DefaultValueFactory = _ => HostLogLevel.Info,
        };
        var stopOnError = new Option<bool>("--stop-on-error")
        {
            Description = "Stop at the first error in a callback or coroutine instead of reporting it and going on.",
        };
        var command = new Command("run", "Run a Lua script; exit code 0 when it ends cleanly, 1 after any script error, 2 for usage errors.")
        {
            script, args, dialect, root, logLevel, stopOnError,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new ScriptRun(
                parse.GetValue(script)!,
                parse.GetValue(args) ?? [],
                parse.GetValue(dialect),
                parse.GetValue(root),
                new TerminalLog { MinimumLevel = parse.GetValue(logLevel) },
                parse.GetValue(stopOnError)),
            dialects,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ScriptRun run, DialectRegistry dialects, CancellationToken cancellationToken)
    {
        byte[] source;
        try
        {
            source = await File.ReadAllBytesAsync(run.Script.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CommandLine.Fail($"cannot read {run.Script}: {e.Message}");
        }

        var name = run.Dialect ?? DialectDirective.Read(source) ?? PlainDialect.DialectName;
        if (!dialects.TryGet(name, out var dialect))
        {
            await Console.Error.WriteLineAsync(
                $"moonwire: {run.Script} asks for dialect '{name}'; known dialects: {string.Join(", ", dialects.Names)}").ConfigureAwait(false);
            return CommandLine.Usage;
        }

        await using var host = new LuaHost(new LuaHostOptions
        {
            Root = new ScriptRoot(run.Root?.FullName ?? run.Script.DirectoryName!),
            Log = run.Log,
            StopOnError = run.StopOnError,
        });
        // Ctrl-C or SIGTERM: stop through the host's lifecycle, so every socket and timer is closed.
        using var interrupt = cancellationToken.Register(() => _ = host.StopAsync());
        try
        {
            return await host.RunScriptAsync(dialect, source, "@" + run.Script, run.Arguments).ConfigureAwait(false)
                ? CommandLine.Ok
                : CommandLine.Failure;
        }
        catch (InvalidOperationException) when (cancellationToken.IsCancellationRequested)
        {
            return CommandLine.Ok;
        }
    }

    private sealed record ScriptRun(FileInfo Script, string[] Arguments, string? Dialect, DirectoryInfo? Root, HostLog Log, bool StopOnError);
}
