namespace Moonwire.Specs.Tests;

/// <summary>The committed LuaLS annotations (specs/luals/) and Markdown references (docs/api/) are
/// what the specs produce now. MOONWIRE_UPDATE_BASELINES=1 rewrites them.</summary>
public sealed class GeneratedDocsTests
{
    public static TheoryData<string> Dialects => new(Paths.Dialects.Select(d => d.Dialect));

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Dialects))]
    public async Task Annotations_are_current(string dialect)
    {
        await Task.Yield();
        Verify(Path.Combine(Paths.Repository(), "specs", "luals", dialect + ".lua"), LuaAnnotations.Write(Paths.Spec(dialect)));
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Dialects))]
    public async Task Reference_is_current(string dialect)
    {
        await Task.Yield();
        Verify(Path.Combine(Paths.Repository(), "docs", "api", dialect + ".md"), MarkdownReference.Write(Paths.Spec(dialect)));
    }

    [Fact(Timeout = 30_000)]
    public async Task Annotations_describe_every_function_with_its_source()
    {
        await Task.Yield();
        var lua = LuaAnnotations.Write(Paths.Spec("hoozi"));

        Assert.StartsWith("---@meta\n", lua, StringComparison.Ordinal);
        Assert.Contains("---@overload fun(self: net.http, url: string, options: HttpOptions, callback: HttpCallback)\nfunction net.http:get(url, callback, timeout) end", lua, StringComparison.Ordinal);
        Assert.Contains("---@return WsServer|nil server\n", lua, StringComparison.Ordinal);
        Assert.Contains("---@field id integer read-only", lua, StringComparison.Ordinal);
    }

    private static void Verify(string path, string text)
    {
        if (Environment.GetEnvironmentVariable("MOONWIRE_UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing (MOONWIRE_UPDATE_BASELINES=1 writes it)");
        Assert.True(File.ReadAllText(path) == text, $"{path} is out of date (MOONWIRE_UPDATE_BASELINES=1 rewrites it)");
    }
}
