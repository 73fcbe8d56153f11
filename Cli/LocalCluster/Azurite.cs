using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Recsys.Cli.LocalCluster;

/// <summary>Azurite, the Azure Storage emulator (npm package azurite, installed by scripts/install-azurite.sh
/// into .recsys/tools/azurite): where a cluster on one machine keeps its membership, grain state and journal.</summary>
public static class Azurite
{
    /// <summary>The well-known account of the emulator; not a secret.</summary>
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The azurite command, or null when it is not installed.</summary>
    public static string? FindExecutable()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".recsys", "tools", "azurite", "node_modules", ".bin", "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The command line that serves blobs, queues and tables on 127.0.0.1 at <paramref name="ports"/>
    /// (blob, queue, table), keeping its data in <paramref name="location"/> (null: in memory).</summary>
    public static ProcessStartInfo StartInfo(string executable, AzuritePorts ports, string? location)
    {
        var start = new ProcessStartInfo(executable) { UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--skipApiVersionCheck", "--disableTelemetry", "--loose",
                     "--blobHost", "127.0.0.1", "--blobPort", Text(ports.Blob),
                     "--queueHost", "127.0.0.1", "--queuePort", Text(ports.Queue),
                     "--tableHost", "127.0.0.1", "--tablePort", Text(ports.Table),
                 })
        {
            start.ArgumentList.Add(argument);
        }
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }
        return start;
    }

    public static string ConnectionString(AzuritePorts ports) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevelopmentAccountKey + ";"
        + $"BlobEndpoint=http://127.0.0.1:{Text(ports.Blob)}/devstoreaccount1;"
        + $"QueueEndpoint=http://127.0.0.1:{Text(ports.Queue)}/devstoreaccount1;"
        + $"TableEndpoint=http://127.0.0.1:{Text(ports.Table)}/devstoreaccount1;";

    /// <summary>Waits until every service port accepts connections.</summary>
    /// <exception cref="TimeoutException">Azurite did not listen within <paramref name="timeout"/>.</exception>
    public static async Task WaitUntilListening(AzuritePorts ports, TimeSpan timeout, Func<bool> hasExited, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var port in new[] { ports.Blob, ports.Queue, ports.Table })
        {
            while (true)
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline && !hasExited())
                {
                    await Task.Delay(100, cancellationToken);
                }
                catch (SocketException e)
                {
                    throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s{(hasExited() ? " (it exited)" : "")}.", e);
                }
            }
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The ports of Azurite's blob, queue and table services.</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table);
