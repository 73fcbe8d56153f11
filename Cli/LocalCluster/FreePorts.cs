using System.Net;
using System.Net.Sockets;

namespace Recsys.Cli.LocalCluster;

/// <summary>TCP ports nobody listens on right now, for silos started side by side on one machine (Orleans
/// cannot pick its own silo and gateway ports).</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
