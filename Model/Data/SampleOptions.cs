namespace Recsys.Model.Data;

/// <summary>Settings of <see cref="OnlineRetailSample.Build"/>.</summary>
public sealed class SampleOptions
{
    /// <summary>Budget of the two compressed files together (events.ndjson.gz + catalog.ndjson.gz).</summary>
    public long MaxBytes { get; set; } = 4_000_000;

    /// <summary>The search stops once the sample fills this share of the budget.</summary>
    public double TargetFill { get; set; } = 0.99;
}
