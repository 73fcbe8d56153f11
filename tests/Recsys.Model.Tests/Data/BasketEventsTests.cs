using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Data;

public sealed class BasketEventsTests
{
    private static readonly DateTimeOffset Morning = Moments.NewYear2011;

    [Fact]
    public void Turns_each_basket_line_into_a_purchase_event()
    {
        var basket = new Basket
        {
            Id = "536365",
            Time = Morning,
            CustomerId = "17850",
            Country = "France",
            Sequence = 0,
            Lines = [new BasketLine("85123A", 10, 2.55)],
        };

        var purchase = Assert.Single(BasketEvents.ToEvents([basket]));

        Assert.Equal(new UserEvent
        {
            EventId = "536365:85123A",
            UserId = "17850",
            ItemId = "85123A",
            Type = EventType.Purchase,
            Timestamp = Morning,
            Quantity = 10,
            Price = 2.55,
            BasketId = "536365",
            Location = "France",
        }, purchase);
    }

    [Fact]
    public void Groups_purchases_into_baskets_by_basket_id_or_event_id()
    {
        UserEvent[] events =
        [
            Event("e1", "A", Morning.AddHours(1), basketId: "late"),
            Event("e2", "B", Morning, basketId: null),
            Event("e3", "A", Morning.AddHours(2), basketId: "late", quantity: 2),
            Event("e4", "C", Morning.AddHours(3), basketId: "late") with { Type = EventType.View },
            Event("e5", "D", Morning.AddHours(3), basketId: "late"),
        ];

        var baskets = BasketEvents.ToBaskets(events);

        Assert.Equal(["e2", "late"], baskets.Select(basket => basket.Id));
        Assert.Equal([new BasketLine("B", 1, 1.5)], baskets[0].Lines);
        Assert.Equal(Morning.AddHours(1), baskets[1].Time);
        Assert.Equal([new BasketLine("A", 3, 1.5), new BasketLine("D", 1, 1.5)], baskets[1].Lines);
    }

    private static UserEvent Event(string id, string item, DateTimeOffset time, string? basketId, int quantity = 1) =>
        new()
    {
        EventId = id,
        UserId = "u",
        ItemId = item,
        Type = EventType.Purchase,
        Timestamp = time,
        Quantity = quantity,
        Price = 1.5,
        BasketId = basketId,
        Location = "France",
    };
}
