using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Moonwire.Dialects.Hoozi.Tests;

internal static class Ports
{
    /// <summary>A loopback port nothing listens on (the system just handed it out and it was released).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
