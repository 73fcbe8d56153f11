using Recsys.Model.Ranking;

namespace Recsys.Model.Tests.Ranking;

public sealed class RankingNetworkTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Hand_written_gradients_match_numerical_ones(int hiddenUnits)
    {
        var random = new Random(3);
        var inputs = RankingFeatures.Count;
        var items = new Vocabulary();
        items.Intern("item");
        var network = new RankingNetwork(inputs, hiddenUnits,
            new FeatureStandardisation(new float[inputs], Enumerable.Repeat(1f, inputs).ToArray()), items);
        network.Initialise(random);
        for (var i = 0; i < network.Parameters.Length; i++)
        {
            network.Parameters[i] += (float)(random.NextDouble() - 0.5) * 0.2f; // biases off zero too
        }

        var features = Enumerable.Range(0, inputs).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        features[(int)RankingFeature.IsRepeat] = 1;
        var itemBias = network.ItemBiasIndex("item", isRepeat: true);
        var hidden = new float[hiddenUnits];
        network.Forward(features, hidden, itemBias);
        var gradient = new float[network.Parameters.Length];
        network.AccumulateGradient(features, hidden, itemBias, 1, gradient); // d logit / d parameter

        const float step = 1e-2f;
        for (var i = 0; i < network.Parameters.Length; i++)
        {
            var original = network.Parameters[i];
            network.Parameters[i] = original + step;
            var up = network.Forward(features, hidden, itemBias);
            network.Parameters[i] = original - step;
            var down = network.Forward(features, hidden, itemBias);
            network.Parameters[i] = original;
            Assert.Equal((up - down) / (2 * step), gradient[i], 2);
        }
    }

    [Fact]
    public void Standardisation_centres_and_scales_each_feature()
    {
        float[] rows = [1, 10, 3, 10];
        var standardisation = FeatureStandardisation.Fit(rows, 2);

        Assert.Equal([2f, 10f], standardisation.Means);
        Assert.Equal([1f, 1f], standardisation.InverseDeviations); // deviation 1; a constant feature keeps scale 1
    }

    [Fact]
    public void Titles_are_split_into_upper_case_words_of_three_letters_or_more()
    {
        Assert.Equal(["RIBBONS", "ELEGANT", "CHRISTMAS"], TitleVectors.Words("6 ribbons elegant CHRISTMAS "));
    }
}
