using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recsys.Model.Data;
using Recsys.Model.Recommender;
using Recsys.Model.Tensors;
using TorchSharp;

namespace Recsys.Serving;

/// <summary>The model this silo serves (one per silo): loaded from <see cref="ModelServingOptions.Path"/> when the
/// silo starts, and swapped by <see cref="Load"/> while requests run. A swap loads the new checkpoint beside the
/// old one and then makes it current in one step: requests already holding the old model finish with it, later
/// ones get the new one, and none waits or fails.</summary>
public sealed partial class ModelHost(IOptions<ModelServingOptions> options, TimeProvider clock, ILogger<ModelHost> logger)
    : IHostedService, IDisposable
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private LoadedModel? current;

    /// <summary>The current model, held until the use is disposed; null when none is loaded.</summary>
    public ModelUse? Use()
    {
        while (Volatile.Read(ref current) is { } model)
        {
            if (model.TryUse() is { } use)
            {
                return use;
            }
        }

        return null;
    }

    /// <summary>The version of the model served now; null when none is loaded.</summary>
    public string? Version => Volatile.Read(ref current)?.Version;

    public ModelStatus? Status => Volatile.Read(ref current) is { } model ? ModelStatus.Of(model) : null;

    /// <summary>Loads the checkpoint at <paramref name="path"/> and serves it from then on.</summary>
    /// <exception cref="FileNotFoundException">No checkpoint or snapshot there; names what is missing.</exception>
    /// <exception cref="FormatException">A file does not describe a served model.</exception>
    /// <exception cref="ModelLoadException">The checkpoint cannot be served here: unreadable or malformed files, a
    /// snapshot before the training cutoff, libtorch missing or the device unavailable; says which.</exception>
    public async Task<ModelStatus> Load(string path, CancellationToken cancellationToken = default)
    {
        var device = ComputeDevice.Parse(options.Value.Device);
        await loading.WaitAsync(cancellationToken);
        try
        {
            var started = clock.GetTimestamp();
            var loaded = await Task.Run(() => Open(path, device), cancellationToken);
            var recommender = loaded.Recommender;
            var replaced = Interlocked.Exchange(ref current, loaded);
            replaced?.Release();
            LogLoaded(loaded.Version, loaded.Path, device.ToString(), recommender.ItemCount, recommender.CustomerCount,
                recommender.Cutoff, clock.GetElapsedTime(started).TotalSeconds, replaced?.Version);
            return ModelStatus.Of(loaded);
        }
        finally
        {
            loading.Release();
        }
    }

    private LoadedModel Open(string path, ComputeDevice device)
    {
        ServedRecommender? recommender = null;
        try
        {
            TorchRuntime.RequireAvailable(device);
            torch.set_num_threads(options.Value.InferenceThreads);
            recommender = ServedRecommender.Load(path, device);
            return new LoadedModel(recommender, Path.GetFullPath(path), clock.GetUtcNow());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or DataFormatException
                                      or JsonException or ArgumentException or InvalidOperationException
                                      || e.GetType() == typeof(ExternalException))
        {
            recommender?.Dispose();
            throw new ModelLoadException($"{path} cannot be served: {e.Message}", e);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Path is { } path)
        {
            await Load(path, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        Interlocked.Exchange(ref current, null)?.Release();
        loading.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Serving model {Version} from {Path} on {Device}: {Items} items, {Customers} customers, snapshot before {Cutoff}, loaded in {Seconds:0.0} s (replaced {Replaced})")]
    private partial void LogLoaded(string version, string path, string device, int items, int customers,
        DateTimeOffset cutoff, double seconds, string? replaced);
}
