using Moonwire.Lua;

namespace Moonwire.Cli;

/// <summary>Log lines on standard error, coloured by level when that is a terminal (and NO_COLOR is unset).</summary>
internal sealed class TerminalLog : HostLog
{
    private readonly bool _colour = !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    public override void Write(HostLogLevel level, string message)
    {
        var (tag, colour) = level switch
        {
            HostLogLevel.Debug => ("debug", "\e[90m"),
            HostLogLevel.Info => ("info", "\e[36m"),
            HostLogLevel.Warn => ("warn", "\e[33m"),
            _ => ("error", "\e[31m"),
        };
        Console.Error.WriteLine(_colour ? $"{colour}[{tag}]\e[0m {message}" : $"[{tag}] {message}");
    }
}
