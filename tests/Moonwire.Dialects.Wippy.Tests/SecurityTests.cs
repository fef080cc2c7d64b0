using Moonwire.Dialects.Wippy.Security;

namespace Moonwire.Dialects.Wippy.Tests;

/// <summary>The host's policy for websocket.connect and websocket.connect.url.</summary>
public sealed class SecurityTests
{
    private const string Probe = """
        local c, err = require("websocket").connect(...)
        if c then print("connected") c:close() else print(err:kind(), err:retryable(), err:message()) end
        """;

    private static async Task<IReadOnlyList<string>> OutputOf(SecurityPolicy policy, string url)
    {
        await using var script = await WippyScript.RunAsync(Probe, policy, url);
        Assert.Empty(script.Errors);
        return script.Output;
    }

    [Fact(Timeout = 30_000)]
    public async Task ADeniedUrlIsPermissionDeniedAndNotRetryable()
    {
        await using var server = LoopbackServer.Echo();
        var policy = new SecurityPolicy { Rules = [SecurityRule.Deny(SecurityPolicy.ConnectUrl, "ws://127.0.0.1:*")] };
        Assert.Equal([$"PermissionDenied\tfalse\tnot allowed: {server.Url}"], await OutputOf(policy, server.Url));
    }

    [Fact(Timeout = 30_000)]
    public async Task StrictPolicyAllowsOnlyWhatARulePermits()
    {
        await using var server = LoopbackServer.Echo();
        var policy = new SecurityPolicy
        {
            Strict = true,
            Rules = [SecurityRule.Permit(SecurityPolicy.Connect), SecurityRule.Permit(SecurityPolicy.ConnectUrl, server.Url + "*")],
        };
        Assert.Equal(["connected"], await OutputOf(policy, server.Url + "/feed"));
        Assert.Equal(["PermissionDenied\tfalse\tnot allowed: ws://127.0.0.1:1/"], await OutputOf(policy, "ws://127.0.0.1:1/"));
    }

    [Fact(Timeout = 5_000)]
    public async Task ADenyBeatsAnAllowAndPatternsMatchAnyRun()
    {
        await Task.Yield();
        var policy = new SecurityPolicy
        {
            Rules = [SecurityRule.Permit(SecurityPolicy.ConnectUrl, "wss://*.example.com/*"), SecurityRule.Deny(SecurityPolicy.ConnectUrl, "*/admin*")],
        };
        Assert.True(policy.Permits(SecurityPolicy.ConnectUrl, "wss://api.example.com/ws"));
        Assert.False(policy.Permits(SecurityPolicy.ConnectUrl, "wss://api.example.com/admin"));
        Assert.True(policy.Permits(SecurityPolicy.Connect));
        Assert.False((policy with { Strict = true }).Permits(SecurityPolicy.Connect));
    }
}
