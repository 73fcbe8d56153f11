using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Ingestion;

/// <summary>The way events enter the system: a batch is appended to the durable event journal first
/// (so an acknowledged batch survives a crash), then handed to the user grains, grouped by user.</summary>
public interface IEventIngestor
{
    /// <summary>Journals and dispatches already-validated events (see Recsys.Grains.Interfaces.Validation.ContractValidator).</summary>
    Task<TrackResult> Ingest(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken);
}
