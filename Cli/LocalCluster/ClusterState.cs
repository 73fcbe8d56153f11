using System.Text.Json;
using Recsys.Grains.Interfaces.Json;

namespace Recsys.Cli.LocalCluster;

/// <summary>What <c>recsys cluster up</c> started, kept in the cluster's data folder (cluster.json) for
/// <c>status</c> and <c>down</c>.</summary>
public sealed record ClusterState
{
    public const string FileName = "cluster.json";

    public required string ClusterId { get; init; }

    public required string ConnectionString { get; init; }

    public required int AzuritePid { get; init; }

    public required AzuritePorts AzuritePorts { get; init; }

    public required List<SiloProcess> Silos { get; init; }

    /// <summary>Extra configuration every silo of the cluster runs with (--Recsys:Key=value).</summary>
    public List<string> SiloSettings { get; init; } = [];

    public static ClusterState? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<ClusterState>(File.ReadAllBytes(path), RecsysJson.Options) : null;
    }

    public void Write(string folder) =>
        File.WriteAllBytes(Path.Combine(folder, FileName), JsonSerializer.SerializeToUtf8Bytes(this, RecsysJson.Options));
}

/// <summary>One silo process of a local cluster and its ports.</summary>
public sealed record SiloProcess(string Name, int Pid, int HttpPort, int SiloPort, int GatewayPort)
{
    public Uri HttpUrl => new($"http://127.0.0.1:{HttpPort}/");
}
