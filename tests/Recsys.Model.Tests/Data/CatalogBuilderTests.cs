using Recsys.Grains.Interfaces;
using Recsys.Model.Data;

namespace Recsys.Model.Tests.Data;

public sealed class CatalogBuilderTests
{
    [Fact]
    public void Titles_are_the_most_frequent_trimmed_description_and_prices_the_median()
    {
        var builder = new CatalogBuilder();
        builder.Add("B", "  LANTERN ", 3.0);
        builder.Add("B", "LANTERN", 1.0);
        builder.Add("B", "WHITE LANTERN", 2.0);
        builder.Add("A", "HEART", 4.0);
        builder.Add("A", "HEART HOLDER", 1.0);
        builder.Add("A", null, 2.0);
        builder.Add("A", "", 10.0);
        builder.Add("C", " ", 5.0);

        Assert.Equal(
            [
                new ItemInfo { Id = "A", Title = "HEART", Price = 3.0 },
                new ItemInfo { Id = "B", Title = "LANTERN", Price = 2.0 },
                new ItemInfo { Id = "C", Title = "C", Price = 5.0 },
            ],
            builder.Build());
    }
}
