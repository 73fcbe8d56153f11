using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Recsys.Runtime.Telemetry;

/// <summary>The runtime's traces and metrics, named "Recsys.Runtime": one activity per grain call,
/// and counters for calls, failures, latency, activations and queued calls.</summary>
public sealed class RuntimeTelemetry : IDisposable
{
    public const string Name = "Recsys.Runtime";

    public static readonly ActivitySource ActivitySource = new(Name, "1.0");

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _failedCalls;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _activations;
    private readonly Counter<long> _deactivations;
    private readonly Histogram<double> _activationDuration;

    internal RuntimeTelemetry(Func<int> activeActivations, Func<int> queuedCalls)
    {
        _meter = new Meter(Name, "1.0");
        _calls = _meter.CreateCounter<long>("recsys.runtime.calls", "{call}", "Grain calls completed.");
        _failedCalls = _meter.CreateCounter<long>("recsys.runtime.calls.failed", "{call}", "Grain calls completed with an exception (timeouts included).");
        _callDuration = _meter.CreateHistogram<double>("recsys.runtime.call.duration", "ms", "Time from sending a grain call to its completion, queueing included.");
        _activations = _meter.CreateCounter<long>("recsys.runtime.activations.created", "{activation}", "Activations created.");
        _deactivations = _meter.CreateCounter<long>("recsys.runtime.activations.deactivated", "{activation}", "Activations deactivated.");
        _activationDuration = _meter.CreateHistogram<double>("recsys.runtime.activation.duration", "ms", "Time to activate a grain, state load included.");
        _meter.CreateObservableGauge("recsys.runtime.activations.active", activeActivations, "{activation}", "Activations alive now.");
        _meter.CreateObservableGauge("recsys.runtime.queue.depth", queuedCalls, "{call}", "Calls queued or running on activations now.");
    }

    public void Dispose() => _meter.Dispose();

    internal void CallCompleted(string grainType, string method, TimeSpan elapsed, bool failed)
    {
        var tags = new TagList { { "grain.type", grainType }, { "grain.method", method } };
        _calls.Add(1, tags);
        if (failed)
        {
            _failedCalls.Add(1, tags);
        }
        if (_callDuration.Enabled)
        {
            _callDuration.Record(elapsed.TotalMilliseconds, tags);
        }
    }

    internal void ActivationCreated(string grainType, TimeSpan elapsed)
    {
        _activations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));
        _activationDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("grain.type", grainType));
    }

    internal void ActivationDeactivated(string grainType, DeactivationReason reason) =>
        _deactivations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType), new KeyValuePair<string, object?>("reason", reason.ToString()));
}
