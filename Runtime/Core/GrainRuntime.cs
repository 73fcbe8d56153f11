using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recsys.Runtime.Hosting;
using Recsys.Runtime.Storage;
using Recsys.Runtime.Telemetry;

namespace Recsys.Runtime.Core;

/// <summary>The silo-local runtime: grain directory, call dispatch, timeouts and idle collection.
/// At most one activation exists per grain id (stateless workers: up to their pool size).</summary>
internal sealed class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerPool> _workerPools = new();
    private readonly ConcurrentQueue<CallRequest> _callsByDeadline = new();
    private readonly Timer _timeoutSweeper;
    private readonly Timer _collector;
    private volatile bool _stopping;

    public GrainRuntime(IServiceProvider services, GrainTypeRegistry registry, IOptions<RuntimeOptions> options, ILogger<GrainRuntime> logger)
    {
        Services = services;
        Registry = registry;
        Options = options.Value;
        Options.Validate();
        Logger = logger;
        CallTimeoutTicks = (long)(Options.CallTimeout.TotalSeconds * Stopwatch.Frequency);
        Telemetry = new RuntimeTelemetry(() => _activations.Count + _workerPools.Values.Sum(p => p.Workers.Length), QueuedCalls);
        using (ExecutionContext.SuppressFlow())
        {
            _timeoutSweeper = new Timer(_ => SweepTimedOutCalls());
            _collector = new Timer(_ => CollectIdleActivations());
        }
    }

    public IServiceProvider Services { get; }

    public GrainTypeRegistry Registry { get; }

    public RuntimeOptions Options { get; }

    public ILogger Logger { get; }

    public RuntimeTelemetry Telemetry { get; }

    public long CallTimeoutTicks { get; }

    public int ActivationCount => _activations.Count;

    public void Start()
    {
        var storage = Services.GetRequiredService<IServiceProviderIsKeyedService>();
        foreach (var grainClass in Registry.Classes)
        {
            var missing = grainClass.StorageNames.FirstOrDefault(name => !storage.IsKeyedService(typeof(IGrainStorage), name));
            if (missing is not null)
            {
                throw new InvalidOperationException(
                    $"Grain {grainClass.ClassType.Name} keeps state in storage provider '{missing}', which is not registered (AddSqliteGrainStorage / AddMemoryGrainStorage).");
            }
        }
        var sweepPeriod = TimeSpan.FromTicks(Math.Clamp(Options.CallTimeout.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.TicksPerSecond));
        _timeoutSweeper.Change(sweepPeriod, sweepPeriod);
        _collector.Change(Options.CollectionQuantum, Options.CollectionQuantum);
    }

    /// <summary>Deactivates every activation (their OnDeactivateAsync flushes state) and refuses new
    /// activations from then on.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _collector.Change(Timeout.Infinite, Timeout.Infinite);
        var all = AllActivations().ToList();
        foreach (var activation in all)
        {
            activation.StartDeactivation(DeactivationReason.ShuttingDown);
        }
        var everyoneGone = Task.WhenAll(all.Select(a => a.Deactivated));
        try
        {
            await everyoneGone.WaitAsync(Options.ShutdownTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            Logger.LogWarning("Shutdown: {Count} activations did not deactivate within {Timeout}", all.Count(a => !a.Deactivated.IsCompleted), Options.ShutdownTimeout);
        }
        _timeoutSweeper.Change(Timeout.Infinite, Timeout.Infinite);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping)
        {
            await StopAsync(CancellationToken.None);
        }
        await _timeoutSweeper.DisposeAsync();
        await _collector.DisposeAsync();
        Telemetry.Dispose();
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Reference<TGrainInterface>(key);
    }

    public TGrainInterface GetGrain<TGrainInterface>(long key) where TGrainInterface : IGrainWithIntegerKey =>
        Reference<TGrainInterface>(key.ToString(CultureInfo.InvariantCulture));

    public TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey =>
        Reference<TGrainInterface>(key.ToString("D"));

    internal Task<TResult> SendRequest<TResult>(GrainId target, GrainMethod<TResult> method, object?[] arguments)
    {
        Activity? activity = null;
        var parent = Activity.Current;
        if (RuntimeTelemetry.ActivitySource.HasListeners())
        {
            activity = RuntimeTelemetry.ActivitySource.StartActivity(method.Name, ActivityKind.Internal);
            activity?.SetTag("grain.id", target.ToString());
        }
        var request = new Request<TResult>(this, target, method, arguments, activity);
        if (activity is not null)
        {
            Activity.Current = parent;
        }
        _callsByDeadline.Enqueue(request);
        Dispatch(target, request);
        return request.Completion;
    }

    internal void Dispatch(GrainId target, Message message)
    {
        var grainClass = Registry.ForTypeName(target.Type);
        if (grainClass.MaxLocalWorkers is { } maxWorkers)
        {
            if (_stopping)
            {
                message.Reject(ShuttingDown(target));
                return;
            }
            _workerPools.GetOrAdd(target, id => new StatelessWorkerPool(this, id, grainClass, maxWorkers)).Enqueue(message);
            return;
        }
        while (true)
        {
            if (!_activations.TryGetValue(target, out var activation))
            {
                if (_stopping)
                {
                    message.Reject(ShuttingDown(target));
                    return;
                }
                activation = _activations.GetOrAdd(target, id => new Activation(this, id, grainClass, RemoveActivation));
            }
            if (activation.TryEnqueue(message))
            {
                return;
            }
            RemoveActivation(activation);
        }
    }

    internal void OnRequestCompleted<TResult>(Request<TResult> request, GrainMethod method, Exception? error, long startTimestamp)
    {
        Telemetry.CallCompleted(request.Target.Type, method.Name, Stopwatch.GetElapsedTime(startTimestamp), error is not null);
        if (request.Activity is { } activity)
        {
            if (error is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, error.Message);
                activity.AddException(error);
            }
            activity.Stop();
        }
    }

    private TGrainInterface Reference<TGrainInterface>(string key)
    {
        var grainClass = Registry.ForInterface(typeof(TGrainInterface));
        return GrainReference.Create<TGrainInterface>(this, new GrainId(grainClass.TypeName, key));
    }

    private void RemoveActivation(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));

    private IEnumerable<Activation> AllActivations() =>
        _activations.Values.Concat(_workerPools.Values.SelectMany(pool => pool.Workers));

    private int QueuedCalls() => AllActivations().Sum(a => a.QueueLength);

    private static SiloUnavailableException ShuttingDown(GrainId target) =>
        new($"The silo is shutting down; call to {target} refused.");

    private void SweepTimedOutCalls()
    {
        var now = Stopwatch.GetTimestamp();
        // Every call has the same timeout, so the queue is in deadline order.
        while (_callsByDeadline.TryPeek(out var call))
        {
            if (!call.IsCompleted)
            {
                if (call.Deadline > now)
                {
                    return;
                }
                call.Reject(new GrainCallTimeoutException(call.Target, call.MethodName, Options.CallTimeout));
            }
            _callsByDeadline.TryDequeue(out _);
        }
    }

    private void CollectIdleActivations()
    {
        try
        {
            foreach (var activation in AllActivations())
            {
                var grainClass = Registry.ForTypeName(activation.GrainId.Type);
                var age = grainClass.CollectionAge ?? Options.CollectionAge;
                if (activation.IsIdleLongerThan((long)(age.TotalSeconds * Stopwatch.Frequency)))
                {
                    activation.StartDeactivation(DeactivationReason.IdleTimeout);
                }
            }
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Idle activation collection failed");
        }
    }
}
