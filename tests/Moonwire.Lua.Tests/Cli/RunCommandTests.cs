using System.Diagnostics;

namespace Moonwire.Lua.Tests.Cli;

/// <summary><c>moonwire run</c> as a user runs it: exit codes 0 / 1 / 2, one readable error line, tracebacks.</summary>
public sealed class RunCommandTests : IDisposable
{
    private static readonly string Moonwire = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "moonwire.exe" : "moonwire");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("moonwire-run-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact(Timeout = 30_000)]
    public async Task A_script_that_ends_cleanly_exits_0_and_sees_its_arguments()
    {
        var (exit, output, _) = await RunAsync("print('args', ...)", "run", "{script}", "a", "b");

        Assert.Equal(0, exit);
        Assert.Contains("args\ta\tb", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_script_error_exits_1_with_its_traceback()
    {
        var (exit, _, error) = await RunAsync("local function inner() error('boom') end\ninner()", "run", "{script}");

        Assert.Equal(1, exit);
        Assert.Contains("boom", error, StringComparison.Ordinal);
        Assert.Contains("stack traceback", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_error_in_a_coroutine_is_reported_and_still_exits_1()
    {
        var (exit, _, error) = await RunAsync("moonwire.spawn(function() moonwire.sleep(0.01) error('late') end)", "run", "{script}");

        Assert.Equal(1, exit);
        Assert.Contains("late", error, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("run", "missing.lua")]
    [InlineData("run", "--dialect", "nosuch", "{script}")]
    [InlineData("nosuchcommand")]
    public async Task Usage_errors_exit_2_with_one_line(params string[] arguments)
    {
        var (exit, _, error) = await RunAsync("print(1)", arguments);

        Assert.Equal(2, exit);
        Assert.StartsWith("moonwire: ", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_first_line_picks_the_dialect()
    {
        var (exit, output, _) = await RunAsync("--!dialect silly\nlocal task = require 'silly.task'\nprint(type(task.fork))", "run", "{script}");

        Assert.Equal(0, exit);
        Assert.Contains("function", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_wippy_script_ends_when_its_main_chunk_returns_though_a_coroutine_still_waits()
    {
        var (exit, output, _) = await RunAsync(
            "--!dialect wippy\nlocal ch = channel.new(1)\nmoonwire.spawn(function() ch:receive() end)\nprint('returning')", "run", "{script}");

        Assert.Equal(0, exit);
        Assert.Contains("returning", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Ctrl_C_stops_a_script_that_would_run_forever_and_exits_0()
    {
        using var process = await StartAsync("local function tick() moonwire.after(0.05, tick) end\ntick()\nprint('running')", "run", "{script}");
        Assert.Equal("running", await process.StandardOutput.ReadLineAsync());

        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, process.ExitCode);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(string lua, params string[] arguments)
    {
        using var process = await StartAsync(lua, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Writes <paramref name="lua"/> to a script file and starts moonwire; "{script}" in an argument is that file.</summary>
    private async Task<Process> StartAsync(string lua, params string[] arguments)
    {
        var script = Path.Combine(_folder.FullName, "script.lua");
        await File.WriteAllTextAsync(script, lua);
        var start = new ProcessStartInfo(Moonwire) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument.Replace("{script}", script, StringComparison.Ordinal));
        }

        return Process.Start(start)!;
    }
}
