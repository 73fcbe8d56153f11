using System.Globalization;
using Recsys.Grains.Interfaces;

namespace Recsys.Benchmarks;

/// <summary>The bundled sample again under other ids (user, event and basket ids suffixed ~N): more users than the
/// sample has, with the same behaviour.</summary>
internal static class SampleCopies
{
    public static IEnumerable<UserEvent> Of(IEnumerable<UserEvent> events, int copy) =>
        events.Select(e => e with { EventId = Renamed(e.EventId, copy), UserId = Renamed(e.UserId, copy), BasketId = e.BasketId is null ? null : Renamed(e.BasketId, copy) });

    public static string Renamed(string id, int copy) => copy == 0 ? id : string.Create(CultureInfo.InvariantCulture, $"{id}~{copy}");
}
