using System.Net;
using System.Net.Sockets;

namespace ArchiveImport.Testing;

internal static class FreeTcpPort
{
    /// <summary>A loopback port that was free a moment ago; another process may still take it first.</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
