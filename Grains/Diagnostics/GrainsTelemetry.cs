using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Recsys.Grains.Diagnostics;

/// <summary>The grains' own spans (ActivitySource "Recsys.Grains") and counters (Meter "Recsys.Grains"),
/// next to what Orleans reports for every call: where the time of ingestion goes (the journal) and how
/// much a restart had to replay.</summary>
public sealed class GrainsTelemetry
{
    public const string Name = "Recsys.Grains";

    public static readonly ActivitySource Activities = new(Name);

    private readonly Counter<long> _journaled;
    private readonly Counter<long> _replayed;

    public GrainsTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name, "1.0");
        _journaled = meter.CreateCounter<long>("recsys.journal.appended", "{event}", "Events written to the journal before they were acknowledged.");
        _replayed = meter.CreateCounter<long>("recsys.journal.replayed", "{event}", "Journaled events applied again when a user grain activated after a crash.");
    }

    public void Journaled(int count) => _journaled.Add(count);

    public void Replayed(int count) => _replayed.Add(count);
}
