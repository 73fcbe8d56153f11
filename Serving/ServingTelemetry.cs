using System.Diagnostics.Metrics;

namespace Recsys.Serving;

/// <summary>The served model's counters (Meter "Recsys.Serving"): how the batcher groups requests, how long the
/// network takes, and how often the mix answers instead. It also keeps totals that the benchmark reports.</summary>
public sealed class ServingTelemetry
{
    public const string Name = "Recsys.Serving";

    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> inferenceSeconds;
    private readonly Counter<long> fallbacks;
    private readonly Counter<long> refused;
    private long batches;
    private long queries;

    public ServingTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name, "1.0");
        batchSize = meter.CreateHistogram<int>("recsys.model.batch_size", "{request}", "Requests ranked in one pass of the model.");
        inferenceSeconds = meter.CreateHistogram<double>("recsys.model.inference.duration", "s", "Time of one batch: features, network and lists.");
        fallbacks = meter.CreateCounter<long>("recsys.model.fallbacks", "{request}", "Requests the non-learned mix answered instead of the model, by reason (no-model, unknown-user, before-snapshot, timeout, error).");
        refused = meter.CreateCounter<long>("recsys.model.refused", "{request}", "Requests refused because the model's queue was full.");
    }

    /// <summary>Batches run since the silo started.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Requests ranked since the silo started.</summary>
    public long Queries => Interlocked.Read(ref queries);

    public void BatchRan(int size, TimeSpan duration)
    {
        Interlocked.Increment(ref batches);
        Interlocked.Add(ref queries, size);
        batchSize.Record(size);
        inferenceSeconds.Record(duration.TotalSeconds);
    }

    public void FellBack(string reason) => fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Refused() => refused.Add(1);
}
