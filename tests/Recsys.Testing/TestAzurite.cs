using System.Diagnostics;
using Recsys.Cli.LocalCluster;

namespace Recsys.Testing;

/// <summary>A real Azurite for one test class, in memory, on free loopback ports; stopped on disposal.
/// Tests that need one skip with the reason when Azurite is not installed (scripts/install-azurite.sh,
/// which <c>make test</c> runs).</summary>
public sealed class TestAzurite : IAsyncDisposable
{
    private readonly Process _process;

    private TestAzurite(Process process, AzuritePorts ports)
    {
        _process = process;
        Ports = ports;
        ConnectionString = Azurite.ConnectionString(ports);
    }

    public AzuritePorts Ports { get; }

    public string ConnectionString { get; }

    public static string? MissingReason => Azurite.FindExecutable() is null
        ? "Azurite is not installed: run scripts/install-azurite.sh (make test does)."
        : null;

    public static async Task<TestAzurite> Start()
    {
        var executable = Azurite.FindExecutable() ?? throw new InvalidOperationException(MissingReason);
        var free = FreePorts.Take(3);
        var ports = new AzuritePorts(free[0], free[1], free[2]);
        var start = Azurite.StartInfo(executable, ports, location: null);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Azurite.WaitUntilListening(ports, TimeSpan.FromSeconds(60), () => process.HasExited, CancellationToken.None);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
        return new TestAzurite(process, ports);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
