namespace Recsys.Silo.Options;

/// <summary>The Orleans cluster this silo belongs to (configuration section "Recsys:Cluster"). The
/// embedded default is one silo on this machine (localhost clustering).</summary>
public sealed class ClusterHostingOptions : IValidatedOptions
{
    public static string SectionName => "Recsys:Cluster";

    /// <summary>Port for silo-to-silo traffic, on 127.0.0.1.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port the Orleans client (<c>Recsys.Client</c>'s Orleans transport) connects to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Silos and clients with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "recsys";

    /// <summary>Identifies the service across deployments; grain state is keyed under it by some stores.</summary>
    public string ServiceId { get; set; } = "recsys";

    public IEnumerable<string> Validate()
    {
        foreach (var (name, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort) })
        {
            if (port is < 1 or > 65535)
            {
                yield return $"{SectionName}:{name} must be between 1 and 65535 (was {port}).";
            }
        }
        if (SiloPort == GatewayPort)
        {
            yield return $"{SectionName}:{nameof(SiloPort)} and {SectionName}:{nameof(GatewayPort)} must differ (both are {SiloPort}).";
        }
        foreach (var (name, value) in new[] { (nameof(ClusterId), ClusterId), (nameof(ServiceId), ServiceId) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{SectionName}:{name} must not be empty.";
            }
        }
    }
}
