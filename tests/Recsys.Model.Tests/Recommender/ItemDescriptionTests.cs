using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Recommender;

namespace Recsys.Model.Tests.Recommender;

public sealed class ItemDescriptionTests
{
    [Fact]
    public void Stock_codes_give_a_product_line_category_and_a_family_without_the_colour_letters()
    {
        var item = ItemDescription.Create("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", null, Math.Log(2.55));

        Assert.Equal(("8512", "85123"), (item.Category, item.Family));
        Assert.Equal(ItemDescription.Create("85123B", null, null, null).Family, item.Family);
    }

    [Fact]
    public void A_catalog_category_wins_and_a_missing_title_is_the_id()
    {
        var item = ItemDescription.Create("sku-9", " ", " Kitchen ", null);

        Assert.Equal(("sku-9", "kitchen", "sku-9"), (item.Title, item.Category, item.Family));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(0.05, 1)] // below £0.10: the cheapest bucket
    [InlineData(0.10, 1)]
    [InlineData(0.15, 2)] // half an octave up
    [InlineData(0.20, 3)]
    [InlineData(2.55, 10)]
    [InlineData(100000.0, ItemDescription.PriceBuckets - 1)]
    public void Prices_fall_in_half_octave_buckets(double? price, int bucket) =>
        Assert.Equal(bucket, ItemDescription.Create("1", null, null, price is { } p ? Math.Log(p) : null).PriceBucket);

    [Fact]
    public void The_universe_numbers_items_by_first_purchase_and_prices_them_from_the_history()
    {
        var start = new DateTimeOffset(2011, 1, 3, 9, 0, 0, TimeSpan.Zero);
        Basket[] baskets =
        [
            new() { Id = "1", Time = start, CustomerId = "c", Sequence = 0, Lines = [new("B", 1, 2.0), new("A", 1, null)] },
            new() { Id = "2", Time = start.AddDays(1), CustomerId = "c", Sequence = 1, Lines = [new("B", 1, 8.0)] },
        ];
        var catalog = new Dictionary<string, ItemInfo> { ["A"] = new() { Id = "A", Title = "LUNCH BAG", Price = 3 } };

        var universe = ItemUniverse.Of(baskets, catalog);

        Assert.Equal(["B", "A"], universe.Items.Select(item => item.Id));
        Assert.Equal(Math.Log(4), universe.Items[0].LogPrice!.Value, 9); // mean log price: geometric mean of 2 and 8
        Assert.Equal(Math.Log(3), universe.Items[1].LogPrice!.Value, 9); // no price paid: the catalog's
        Assert.Equal("LUNCH BAG", universe.Items[1].Title);
        Assert.Equal(2, universe.PaddingIndex);
    }
}
