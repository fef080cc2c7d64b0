using Moonwire.Lua;

namespace Moonwire.Dialects.Luatos;

/// <summary><c>websocket.new</c> and <c>websocket.exit</c>.</summary>
internal sealed class WebsocketModule(LuaHost host) : IWebsocketModule
{
    // Like the real library, new only records the URL and certificates: all I/O waits for connect.
    public int New(LuaState L, ReadOnlySpan<byte> url, CertConfig cert)
    {
        var files = new CertificateFiles(
            Text(L, cert.CaCert), Text(L, cert.ClientCert), Text(L, cert.ClientKey), Text(L, cert.ClientPassword), cert.Insist == 1);
        LuatosBindings.PushWebSocket(L, new LuatosWebSocket(host, System.Text.Encoding.UTF8.GetString(url), files));
        return 1;
    }

    public int Exit(LuaState L, IWebSocket ws)
    {
        ((LuatosWebSocket)ws).Exit();
        return 0;
    }

    private static string? Text(LuaState L, int index) => index == 0 ? null : L.ToUtf8String(index);
}
