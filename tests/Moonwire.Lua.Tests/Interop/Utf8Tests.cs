namespace Moonwire.Lua.Tests;

public sealed class Utf8Tests
{
    [Fact(Timeout = 30_000)]
    public async Task Strings_cross_the_boundary_as_utf8_bytes_with_embedded_nuls_intact()
    {
        await using var test = await TestHost.StartAsync();
        test.Bindings.Greeting = "grüß\0dich ✓ 😀";

        await test.RunToEndAsync("""
            local s = "h\0é✓😀\xff"
            local back = echo(s)
            moonwire.log("info", back == s, #back)
            local g = greeting()
            moonwire.log("info", #g, g:byte(7), g == "grüß\0dich ✓ 😀")
            moonwire.log("info", g)
            """);

        Assert.Equal(["true 12", "20 0 true", "grüß\0dich ✓ 😀"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Script_arguments_and_chunk_names_are_utf8()
    {
        await using var test = await TestHost.StartAsync();

        await test.Host.InvokeAsync(() => test.Host.RunChunk(
            "moonwire.log('info', select('#', ...), table.concat({ ... }, ' '), debug.getinfo(1, 'S').source)"u8, "@søg.lua", "ñ", "日本"));

        Assert.Equal(["2 ñ 日本 @søg.lua"], test.Output);
    }
}
