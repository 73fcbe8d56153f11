using System.Diagnostics.Metrics;
using Recsys.Grains.Interfaces;

namespace Recsys.Silo.Infrastructure;

/// <summary>The gateway's counters (Meter "Recsys.Silo"), created through <see cref="IMeterFactory"/>
/// so that each host in a process has its own.</summary>
public sealed class SiloMetrics
{
    public const string MeterName = "Recsys.Silo";

    private readonly Counter<long> _eventsAccepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _expired;
    private readonly Counter<long> _unknownItems;
    private readonly Counter<long> _itemsUpserted;
    private readonly Counter<long> _rejectedRequests;

    public SiloMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName, "1.0");
        _eventsAccepted = meter.CreateCounter<long>("recsys.silo.events.accepted", "{event}", "Events accepted and journaled.");
        _duplicates = meter.CreateCounter<long>("recsys.silo.events.duplicates", "{event}", "Events dropped because their id was already seen.");
        _expired = meter.CreateCounter<long>("recsys.silo.events.expired", "{event}", "Events dropped because they are older than their user's de-duplication index remembers.");
        _unknownItems = meter.CreateCounter<long>("recsys.silo.events.unknown_items", "{event}", "Accepted events naming an item the catalog does not know.");
        _itemsUpserted = meter.CreateCounter<long>("recsys.silo.items.upserted", "{item}", "Catalog items created or updated.");
        _rejectedRequests = meter.CreateCounter<long>("recsys.silo.requests.rejected", "{request}", "Requests refused with a 4xx status (validation, size limits, unknown ids).");
    }

    public void EventsTracked(TrackResult result)
    {
        _eventsAccepted.Add(result.Accepted);
        _duplicates.Add(result.Duplicates);
        _expired.Add(result.Expired);
        _unknownItems.Add(result.UnknownItems);
    }

    public void ItemsUpserted(int count) => _itemsUpserted.Add(count);

    public void RequestRejected(int statusCode) =>
        _rejectedRequests.Add(1, new KeyValuePair<string, object?>("http.response.status_code", statusCode));
}
