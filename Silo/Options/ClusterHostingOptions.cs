using System.Net;

namespace Recsys.Silo.Options;

/// <summary>The Orleans cluster this silo belongs to (configuration section "Recsys:Cluster").</summary>
public sealed class ClusterHostingOptions : IValidatedOptions
{
    /// <summary>One silo on this machine: localhost clustering, the embedded default.</summary>
    public const string Localhost = "localhost";

    /// <summary>Silos anywhere that reach one Azure Storage account: membership in its tables.</summary>
    public const string Azure = "azure";

    /// <summary>Azure mode inside Kubernetes: names, addresses and ids from the pod (Orleans' Kubernetes hosting).</summary>
    public const string Kubernetes = "kubernetes";

    public static string SectionName => "Recsys:Cluster";

    /// <summary>"localhost" (default), "azure" or "kubernetes"; the last two need "Recsys:Storage:Provider" azure.</summary>
    public string Mode { get; set; } = Localhost;

    /// <summary>Port for silo-to-silo traffic.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port the Orleans client (<c>Recsys.Client</c>'s Orleans transport) connects to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Silos and clients with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "recsys";

    /// <summary>Identifies the service across deployments; grain state is keyed under it by some stores.</summary>
    public string ServiceId { get; set; } = "recsys";

    /// <summary>The silo's name in the membership table (default: Orleans picks one; in kubernetes mode the pod's name).</summary>
    public string? SiloName { get; set; }

    /// <summary>The address other silos and clients reach this one at (azure mode). Default: the machine's own
    /// address; in kubernetes mode the pod's IP.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How long a silo waits for a probe's answer before counting it missed (Orleans' ProbeTimeout).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes after which a silo suspects another (Orleans' NumMissedProbesLimit). With
    /// <see cref="ProbeTimeout"/> this bounds how long a dead silo keeps its grains.</summary>
    public int MissedProbesLimit { get; set; } = 2;

    public bool IsLocalhost => string.Equals(Mode, Localhost, StringComparison.OrdinalIgnoreCase);

    public bool IsKubernetes => string.Equals(Mode, Kubernetes, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        if (!new[] { Localhost, Azure, Kubernetes }.Contains(Mode, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{SectionName}:{nameof(Mode)} must be '{Localhost}', '{Azure}' or '{Kubernetes}' (was '{Mode}').";
        }
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
        if (AdvertisedAddress is not null && !IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return $"{SectionName}:{nameof(AdvertisedAddress)} must be an IP address (was '{AdvertisedAddress}').";
        }
        if (ProbeTimeout <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:{nameof(ProbeTimeout)} must be positive (was {ProbeTimeout}).";
        }
        if (MissedProbesLimit < 1)
        {
            yield return $"{SectionName}:{nameof(MissedProbesLimit)} must be at least 1 (was {MissedProbesLimit}).";
        }
    }
}
