using System.CommandLine;

namespace Moonwire.Cli;

/// <summary>Exit codes and the one-line error convention shared by every subcommand.</summary>
internal static class CommandLine
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>
    /// How long a command may take to stop after Ctrl-C or SIGTERM before the process exits anyway (code 130).
    /// Past the closing handshake's 10 s timeout, so a clean stop is not cut short: System.CommandLine's
    /// default, 2 s, cut short a host under load and a server whose client does not answer its Close.
    /// </summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Parses and runs; a usage error is one readable line on stderr and exit code 2.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"moonwire: {error.Message} (see 'moonwire --help')").ConfigureAwait(false);
            }

            return Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = StopTimeout }).ConfigureAwait(false);
    }

    /// <summary>Reports a failure as one line and returns the failure exit code.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"moonwire: {message}");
        return Failure;
    }
}
