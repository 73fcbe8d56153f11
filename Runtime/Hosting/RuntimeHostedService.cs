using Microsoft.Extensions.Hosting;
using Recsys.Runtime.Core;

namespace Recsys.Runtime.Hosting;

/// <summary>Starts the runtime with the host and, on shutdown, deactivates every grain so that
/// write-behind state is flushed before the process exits.</summary>
internal sealed class RuntimeHostedService(GrainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        runtime.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
