using System.Globalization;
using System.Net;

namespace Recsys.Client;

/// <summary>Orleans gateway addresses written as host:port (an IPv6 address in brackets).</summary>
internal static class GatewayEndpoints
{
    public static IPEndPoint[] Parse(IEnumerable<string> gateways) => [.. gateways.SelectMany(Parse)];

    private static IEnumerable<IPEndPoint> Parse(string gateway)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gateway.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"'{gateway}' is not a gateway address of the form host:port.", nameof(gateway));
        }
        var host = gateway[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            return [new IPEndPoint(address, port)];
        }
        try
        {
            return Dns.GetHostAddresses(host).Select(resolved => new IPEndPoint(resolved, port));
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new ArgumentException($"The gateway host '{host}' cannot be resolved: {e.Message}", nameof(gateway), e);
        }
    }
}
