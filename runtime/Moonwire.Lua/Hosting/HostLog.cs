namespace Moonwire.Lua;

/// <summary>How important a log message is.</summary>
public enum HostLogLevel
{
    /// <summary>Detail for finding a problem.</summary>
    Debug,
    /// <summary>What a script prints and ordinary progress.</summary>
    Info,
    /// <summary>Something went wrong but the script carries on.</summary>
    Warn,
    /// <summary>A script error, with its traceback.</summary>
    Error,
}

/// <summary>Where the host and <c>moonwire.log</c> write: a terminal, a test's list, a service log.</summary>
public abstract class HostLog
{
    /// <summary>Messages below this level are dropped before they are formatted.</summary>
    public HostLogLevel MinimumLevel { get; init; } = HostLogLevel.Info;

    /// <summary>Whether messages of <paramref name="level"/> are written.</summary>
    public bool IsEnabled(HostLogLevel level) => level >= MinimumLevel;

    /// <summary>Writes one message; never called from two threads at once.</summary>
    public abstract void Write(HostLogLevel level, string message);

    /// <summary>Plain lines on standard error, for hosts that bring no log of their own.</summary>
    public static HostLog StandardError { get; } = new StandardErrorLog();

    private sealed class StandardErrorLog : HostLog
    {
        public override void Write(HostLogLevel level, string message) =>
            Console.Error.WriteLine($"[{level.ToString().ToLowerInvariant()}] {message}");
    }
}
