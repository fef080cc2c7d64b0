namespace Moonwire.Lua.Tests;

public sealed class ScriptRootTests : IDisposable
{
    private readonly string _outside = Directory.CreateTempSubdirectory("moonwire-outside-").FullName;
    private readonly string _directory = Directory.CreateTempSubdirectory("moonwire-root-").FullName;

    public ScriptRootTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        Directory.CreateSymbolicLink(Path.Combine(_directory, "escape"), _outside);
        Directory.CreateSymbolicLink(Path.Combine(_directory, "alias"), Path.Combine(_directory, "data"));
        File.CreateSymbolicLink(Path.Combine(_directory, "data", "passwd"), "/etc/passwd");
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Theory]
    [InlineData("file.txt", "file.txt")]
    [InlineData("data/new/file.bin", "data/new/file.bin")]
    [InlineData("./data//x", "data/x")]
    [InlineData("alias/x", "data/x")]
    public void Paths_inside_the_root_resolve_under_it(string relative, string expected)
    {
        var root = new ScriptRoot(_directory);

        Assert.Equal(Path.Combine(root.Directory, expected), root.Resolve(relative));
    }

    [Theory]
    [InlineData("../x", "'..' is not allowed")]
    [InlineData("data/../../x", "'..' is not allowed")]
    [InlineData("data\\..\\..\\x", "'..' is not allowed")]
    [InlineData("/etc/passwd", "is absolute")]
    [InlineData("escape/secret", "through a symbolic link")]
    [InlineData("data/passwd", "through a symbolic link")]
    [InlineData("", "invalid path")]
    [InlineData("a\0b", "invalid path")]
    public void Escapes_are_refused(string relative, string reason)
    {
        var root = new ScriptRoot(_directory);

        var error = Assert.Throws<LuaException>(() => root.Resolve(relative));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Scripts_see_the_refusal_as_a_lua_error()
    {
        await using var test = await TestHost.StartAsync(root: new ScriptRoot(_directory));

        await test.RunToEndAsync("""
            moonwire.log("info", moonwire.path("data/out.txt") == moonwire.path("alias/out.txt"))
            moonwire.log("info", select(2, pcall(moonwire.path, "../../etc/passwd")))
            """);

        Assert.Equal(["true", "path '../../etc/passwd' leaves the script root ('..' is not allowed)"], test.Output);
    }
}
