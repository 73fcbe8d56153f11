using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Model.Recommender;
using Recsys.Model.Tests.Tensors;
using TorchSharp;

namespace Recsys.Model.Tests.Recommender;

[Collection(TorchCollection.Name)]
public sealed class PurchaseSequencesTests
{
    private static readonly DateTimeOffset Start = new(2011, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly Basket[] Baskets =
    [
        Basket("1", 0, "A", "B"),
        Basket("2", 10, "C"),
        Basket("3", 20, "D", "E"),
        Basket("4", 40, "F"), // at the cutoff below: the basket being predicted, never part of the sequence
    ];

    private static readonly ItemUniverse Universe = ItemUniverse.Of(Baskets, null);

    [SkippableFact]
    public void A_sequence_holds_the_latest_purchases_before_the_cutoff_right_aligned_with_their_gaps()
    {
        using var scope = TorchCollection.OpenScope();
        var cutoff = Start.AddDays(40);
        var query = new RecommendationQuery("c", null, cutoff.AddDays(5), cutoff);

        var inputs = PurchaseSequences.Of(Baskets, Universe).ToInputs([query], SceneVocabulary.Of([]), 4, torch.CPU);

        Assert.Equal([1L, 4], inputs.Items.shape);
        Assert.Equal(Indices("B", "C", "D", "E"), inputs.Items.data<long>().ToArray());
        // 35, 35, 25 and 25 days before the query.
        Assert.Equal([7L, 7, 6, 6], inputs.Gaps.data<long>().ToArray());
        Assert.Equal([true, true, true, true], inputs.Keep.data<bool>().ToArray());
    }

    [SkippableFact]
    public void A_short_history_is_padded_at_the_front_and_an_unknown_customer_is_all_padding()
    {
        using var scope = TorchCollection.OpenScope();
        var cutoff = Start.AddDays(15);
        var sequences = PurchaseSequences.Of(Baskets, Universe);

        var inputs = sequences.ToInputs([new RecommendationQuery("c", null, cutoff, cutoff),
            new RecommendationQuery("stranger", null, cutoff, cutoff)], SceneVocabulary.Of([]), 5, torch.CPU);

        var padding = (long)Universe.PaddingIndex;
        long[] expected = [padding, padding, .. Indices("A", "B", "C"), padding, padding, padding, padding, padding];
        Assert.Equal(expected, inputs.Items.data<long>().ToArray());
        Assert.Equal([false, false, true, true, true, false, false, false, false, false], inputs.Keep.data<bool>().ToArray());
        Assert.Equal(TimeGapBuckets.Padding, inputs.Gaps.data<long>().ToArray()[0]);
    }

    [Fact]
    public void The_next_basket_is_the_first_at_or_after_the_cutoff()
    {
        var sequences = PurchaseSequences.Of(Baskets, Universe);

        Assert.Equal(Indices("D", "E"), sequences.NextBasket(new RecommendationQuery("c", null, Start, Start.AddDays(20))).Select(i => (long)i));
        Assert.Equal(Indices("F"), sequences.NextBasket(new RecommendationQuery("c", null, Start, Start.AddDays(21))).Select(i => (long)i));
        Assert.Empty(sequences.NextBasket(new RecommendationQuery("c", null, Start, Start.AddDays(41))));
    }

    private static long[] Indices(params string[] items) =>
        items.Select(item => Universe.TryGetIndex(item, out var index) ? (long)index : -1).ToArray();

    private static Basket Basket(string id, int day, params string[] items) => new()
    {
        Id = id,
        Time = Start.AddDays(day),
        CustomerId = "c",
        Sequence = day,
        Lines = [.. items.Select(item => new BasketLine(item, 1, 1.0))],
    };
}
