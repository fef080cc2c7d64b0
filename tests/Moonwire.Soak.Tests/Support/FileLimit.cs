using System.Runtime.InteropServices;

namespace Moonwire.Soak.Tests.Support;

/// <summary>The process's open-file limit (RLIMIT_NOFILE): every socket is a file, and both ends of a loopback pair live here.</summary>
internal static partial class FileLimit
{
    private const int NoFile = 7;

    /// <summary>Raises the soft limit, and the hard one where the process may (root may), to at least <paramref name="files"/>.</summary>
    public static ulong RaiseTo(ulong files)
    {
        if (GetRLimit(NoFile, out var limit) != 0)
        {
            throw new InvalidOperationException($"getrlimit failed: errno {Marshal.GetLastPInvokeError()}");
        }

        if (limit.Current >= files)
        {
            return limit.Current;
        }

        var raised = new RLimit { Current = files, Maximum = Math.Max(limit.Maximum, files) };
        if (SetRLimit(NoFile, raised) != 0)
        {
            // Without the privilege to raise the hard limit, take what it allows.
            raised = limit with { Current = limit.Maximum };
            _ = SetRLimit(NoFile, raised);
        }

        return GetRLimit(NoFile, out limit) == 0 ? limit.Current : 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private record struct RLimit(ulong Current, ulong Maximum);

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);
}
