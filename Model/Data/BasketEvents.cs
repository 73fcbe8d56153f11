using Recsys.Grains.Interfaces;

namespace Recsys.Model.Data;

/// <summary>Converts between baskets and purchase events, so the project's event files can feed the
/// offline evaluation like the Online Retail CSVs do.</summary>
public static class BasketEvents
{
    /// <summary>One purchase event per basket line: id "{basket}:{item}", user = customer, basket id,
    /// location = country, device, quantity and unit price of the line.</summary>
    public static IEnumerable<UserEvent> ToEvents(IEnumerable<Basket> baskets) =>
        from basket in baskets
        from line in basket.Lines
        select new UserEvent
        {
            EventId = $"{basket.Id}:{line.ItemId}",
            UserId = basket.CustomerId,
            ItemId = line.ItemId,
            Type = EventType.Purchase,
            Timestamp = basket.Time,
            Quantity = line.Quantity,
            Price = line.UnitPrice,
            BasketId = basket.Id,
            Location = basket.Country,
            Device = basket.Device,
        };

    /// <summary>Groups the purchase events (other types are ignored) into chronological baskets: one per
    /// basket id, or per event id when an event has none; see <see cref="BasketAssembler"/>. A basket is on
    /// promotion when its first event names active promotions, unknown when the event does not say.</summary>
    public static List<Basket> ToBaskets(IEnumerable<UserEvent> events)
    {
        var assembler = new BasketAssembler();
        foreach (var purchase in events.Where(e => e.Type == EventType.Purchase))
        {
            assembler.Add(purchase.BasketId ?? purchase.EventId, purchase.Timestamp.ToUniversalTime(), purchase.UserId,
                purchase.Location, purchase.ItemId, purchase.Quantity, purchase.Price, purchase.Device,
                purchase.PromotionIds is null ? null : purchase.PromotionIds.Count > 0);
        }

        return assembler.Build();
    }
}
