using System.ComponentModel;
using System.Diagnostics;

namespace Moonwire.Dialects.Hoozi.Tests;

/// <summary>
/// Debian's Chromium (scripts/setup installs it), headless on a fresh profile, showing one page until
/// disposed. Everything that would reach out beyond loopback on its own is switched off.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _profile;

    private HeadlessChromium(Process process, DirectoryInfo profile) => (_process, _profile) = (process, profile);

    public static HeadlessChromium Open(string url)
    {
        var profile = Directory.CreateTempSubdirectory("hoozi-chromium-");
        var start = new ProcessStartInfo("chromium")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile.FullName, url,
        })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            profile.Delete(recursive: true);
            throw new InvalidOperationException("chromium is not installed (scripts/setup installs it): " + e.Message, e);
        }

        // Its logging (D-Bus complaints in a container) is drained so a full pipe never blocks it.
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HeadlessChromium(process, profile);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(TimeSpan.FromSeconds(10));
        _process.Dispose();
        _profile.Delete(recursive: true);
    }
}
