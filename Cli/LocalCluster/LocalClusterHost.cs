using System.Globalization;

namespace Recsys.Cli.LocalCluster;

/// <summary>A cluster on this machine: Azurite and silo processes (<c>recsys serve</c> in azure mode) on
/// loopback, each in a session of its own so that they outlive the command that started them. State lives in
/// a data folder: Azurite's files, the silos' logs and cluster.json.</summary>
public sealed class LocalClusterHost(string folder)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Graceful shutdown waits this long per silo before the process is killed (the silo's own
    /// limit for writing state is 1 min 10 s).</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(80);

    public string Folder { get; } = Path.GetFullPath(folder);

    private string LogFolder => Path.Combine(Folder, "logs");

    /// <summary>Grain calls time out after this in a local cluster (Orleans' default is 30 s): a call caught on a
    /// silo that died fails fast enough for the client's retries to reach the silo its grain moved to.</summary>
    public const string CallTimeout = "00:00:05";

    /// <summary>Starts Azurite and <paramref name="silos"/> silos, returning once every silo is ready.
    /// <paramref name="siloSettings"/> (--Recsys:Key=value) apply to every silo.</summary>
    /// <exception cref="InvalidOperationException">A cluster of this folder is running, Azurite is not
    /// installed, or a process did not become ready (its log is named).</exception>
    public async Task<ClusterState> Up(int silos, Action<string> progress, CancellationToken cancellationToken, IReadOnlyList<string>? siloSettings = null)
    {
        if (ClusterState.Read(Folder) is { } existing && (DetachedProcess.IsRunning(existing.AzuritePid) || existing.Silos.Any(s => DetachedProcess.IsRunning(s.Pid))))
        {
            throw new InvalidOperationException($"A cluster of {Folder} is running; stop it first with: recsys cluster down --data {Folder}");
        }
        var azurite = Azurite.FindExecutable()
            ?? throw new InvalidOperationException("Azurite is not installed: run scripts/install-azurite.sh (./recsys runs it).");
        Directory.CreateDirectory(LogFolder);
        var free = FreePorts.Take(3);
        var ports = new AzuritePorts(free[0], free[1], free[2]);
        var azuriteStart = Azurite.StartInfo(azurite, ports, Path.Combine(Folder, "azurite"));
        progress($"Starting Azurite on 127.0.0.1:{ports.Blob}/{ports.Queue}/{ports.Table} (data in {Path.Combine(Folder, "azurite")})...");
        var azuritePid = DetachedProcess.Start(azuriteStart.FileName, azuriteStart.ArgumentList, Path.Combine(LogFolder, "azurite.log"));
        await Azurite.WaitUntilListening(ports, StartTimeout, () => !DetachedProcess.IsRunning(azuritePid), cancellationToken);
        var state = new ClusterState
        {
            ClusterId = "recsys-local",
            ConnectionString = Azurite.ConnectionString(ports),
            AzuritePid = azuritePid,
            AzuritePorts = ports,
            Silos = [],
            SiloSettings = [.. siloSettings ?? []],
        };
        for (var i = 1; i <= silos; i++)
        {
            var siloPorts = FreePorts.Take(3);
            state.Silos.Add(StartSilo(state, new SiloProcess($"silo-{i}", 0, siloPorts[0], siloPorts[1], siloPorts[2])));
            progress($"Starting silo-{i}...");
        }
        state.Write(Folder);
        foreach (var silo in state.Silos)
        {
            await WaitUntilReady(silo, cancellationToken);
        }
        return state;
    }

    /// <summary>Starts (or restarts) one silo of the cluster with its ports; returns it with its new process id.</summary>
    public SiloProcess StartSilo(ClusterState state, SiloProcess silo)
    {
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "recsys.dll"), "serve",
            "--port", Text(silo.HttpPort),
            "--Recsys:LoopbackOnly=true",
            "--Recsys:Cluster:Mode=azure",
            $"--Recsys:Cluster:ClusterId={state.ClusterId}",
            $"--Recsys:Cluster:SiloName={silo.Name}",
            "--Recsys:Cluster:AdvertisedAddress=127.0.0.1",
            $"--Recsys:Cluster:SiloPort={Text(silo.SiloPort)}",
            $"--Recsys:Cluster:GatewayPort={Text(silo.GatewayPort)}",
            "--Recsys:Storage:Provider=azure",
            $"--Recsys:Storage:ConnectionString={state.ConnectionString}",
            $"--Recsys:Runtime:CallTimeout={CallTimeout}",
            .. state.SiloSettings,
        ];
        var pid = DetachedProcess.Start(DotnetHost(), arguments, Path.Combine(LogFolder, silo.Name + ".log"));
        return silo with { Pid = pid };
    }

    /// <summary>The dotnet executable running this process, or the one on PATH when this process is an app's own
    /// launcher (a benchmark, a published tool).</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <exception cref="InvalidOperationException">The silo exited or did not answer /readyz in time.</exception>
    public async Task WaitUntilReady(SiloProcess silo, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!DetachedProcess.IsRunning(silo.Pid))
            {
                throw new InvalidOperationException($"{silo.Name} exited while starting; see {Path.Combine(LogFolder, silo.Name + ".log")}.");
            }
            try
            {
                if ((await http.GetAsync(new Uri(silo.HttpUrl, "readyz"), cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new InvalidOperationException($"{silo.Name} was not ready within {StartTimeout.TotalSeconds:0} s; see {Path.Combine(LogFolder, silo.Name + ".log")}.");
    }

    /// <summary>Kills one silo with SIGKILL (nothing runs on the way out), as a crash would.</summary>
    public static void Kill(SiloProcess silo) => DetachedProcess.KillNow(silo.Pid);

    /// <summary>Stops one silo gracefully (SIGTERM): it writes its grains' state and leaves the cluster.</summary>
    /// <returns>False when it had to be killed after the stop timeout.</returns>
    public static async Task<bool> Stop(SiloProcess silo)
    {
        DetachedProcess.Terminate(silo.Pid);
        if (await DetachedProcess.WaitForExit(silo.Pid, StopTimeout))
        {
            return true;
        }
        DetachedProcess.KillNow(silo.Pid);
        return false;
    }

    /// <summary>Starts a silo of the cluster again with the same name and ports, waits until it is ready and
    /// records its new process id.</summary>
    public async Task<SiloProcess> Restart(ClusterState state, SiloProcess silo, CancellationToken cancellationToken)
    {
        var restarted = StartSilo(state, silo);
        state.Silos[state.Silos.FindIndex(s => s.Name == silo.Name)] = restarted;
        state.Write(Folder);
        await WaitUntilReady(restarted, cancellationToken);
        return restarted;
    }

    /// <summary>Stops every silo gracefully (each writes its grains' state), then Azurite.</summary>
    /// <returns>The state that was stopped, or null when no cluster of this folder was recorded.</returns>
    public async Task<ClusterState?> Down(Action<string> progress)
    {
        if (ClusterState.Read(Folder) is not { } state)
        {
            return null;
        }
        foreach (var silo in state.Silos.Where(s => DetachedProcess.IsRunning(s.Pid)))
        {
            progress($"Stopping {silo.Name} (pid {silo.Pid})...");
            DetachedProcess.Terminate(silo.Pid);
        }
        foreach (var silo in state.Silos)
        {
            if (!await DetachedProcess.WaitForExit(silo.Pid, StopTimeout))
            {
                progress($"{silo.Name} did not stop within {StopTimeout.TotalSeconds:0} s; killing it.");
                DetachedProcess.KillNow(silo.Pid);
            }
        }
        progress("Stopping Azurite...");
        DetachedProcess.Terminate(state.AzuritePid);
        if (!await DetachedProcess.WaitForExit(state.AzuritePid, TimeSpan.FromSeconds(10)))
        {
            DetachedProcess.KillNow(state.AzuritePid);
        }
        File.Delete(Path.Combine(Folder, ClusterState.FileName));
        return state;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
