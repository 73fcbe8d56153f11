using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;
using Recsys.Model.Torch.Optim;

namespace Recsys.Model.Tests.Torch;

[Collection(TorchCollection.Name)]
public sealed class AdamWTests
{
    private const double LearningRate = 0.1, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, WeightDecay = 0.1;

    [SkippableFact]
    public void Two_steps_match_the_update_computed_by_hand()
    {
        using var scope = TorchCollection.OpenScope();
        double[] weightValues = [1.0, -2.0], biasValues = [0.5];
        using var weight = new Parameter(LibTorch.FromArray<double>(weightValues));
        using var bias = new Parameter(LibTorch.FromArray<double>(biasValues));
        using var optimizer = new AdamW(
            [new ParameterGroup([weight], WeightDecay), new ParameterGroup([bias], 0)],
            new AdamWOptions { LearningRate = LearningRate, Beta1 = Beta1, Beta2 = Beta2, Epsilon = Epsilon });
        var expectedWeight = new AdamReference(weightValues, WeightDecay);
        var expectedBias = new AdamReference(biasValues, 0);

        for (var step = 1; step <= 2; step++)
        {
            optimizer.ZeroGrad();
            // loss = Σ w³ + 3b²: gradients 3w² and 6b change from step to step.
            (weight.Pow(3).Sum() + bias.Pow(2).Sum() * 3).Backward();
            expectedWeight.Step(expectedWeight.Values.Select(w => 3 * w * w).ToArray());
            expectedBias.Step(expectedBias.Values.Select(b => 6 * b).ToArray());
            optimizer.Step();

            Assert.Equal(expectedWeight.Values, weight.ToArray<double>(), new Tolerance(1e-12));
            Assert.Equal(expectedBias.Values, bias.ToArray<double>(), new Tolerance(1e-12));
        }
    }

    [SkippableFact]
    public void A_zero_learning_rate_leaves_the_parameters_alone()
    {
        using var scope = TorchCollection.OpenScope();
        using var weight = new Parameter(LibTorch.FromArray<double>([1.0, 2.0]));
        using var optimizer = new AdamW([new ParameterGroup([weight], WeightDecay)]) { LearningRate = 0 };

        weight.Sum().Backward();
        optimizer.Step();

        Assert.Equal(0, optimizer.LearningRate);
        Assert.Equal([1.0, 2.0], weight.ToArray<double>());
    }

    [SkippableFact]
    public void Biases_and_layer_norm_parameters_do_not_decay()
    {
        using var scope = TorchCollection.OpenScope();
        using var model = new Block();

        var groups = ParameterGroup.WithWeightDecay(model, 0.01);

        Assert.Equal(2, groups.Count);
        Assert.Equal(0.01, groups[0].WeightDecay);
        Assert.Equal([model.Dense.Weight, model.Embedding.Weight], groups[0].Parameters);
        Assert.Equal(0, groups[1].WeightDecay);
        Assert.Equal([model.Dense.Bias!, model.Norm.Weight, model.Norm.Bias], groups[1].Parameters);
    }

    [SkippableFact]
    public void Clipping_scales_all_gradients_to_the_global_norm()
    {
        using var scope = TorchCollection.OpenScope();
        using var first = new Parameter(LibTorch.Zeros([1]));
        using var second = new Parameter(LibTorch.Zeros([1]));
        (first * 3 + second * 4).Sum().Backward();

        var norm = GradientClipping.ClipByGlobalNorm([first, second], maxNorm: 1);

        Assert.Equal(5, norm, 5);
        Assert.Equal(0.6f, first.Grad!.Item<float>(), 5);
        Assert.Equal(0.8f, second.Grad!.Item<float>(), 5);
    }

    /// <summary>AdamW written out element by element (Loshchilov and Hutter, as PyTorch implements it).</summary>
    private sealed class AdamReference(double[] initial, double weightDecay)
    {
        private readonly double[] firstMoment = new double[initial.Length];
        private readonly double[] secondMoment = new double[initial.Length];
        private int step;

        public double[] Values { get; } = (double[])initial.Clone();

        public void Step(double[] gradient)
        {
            step++;
            for (var i = 0; i < Values.Length; i++)
            {
                Values[i] *= 1 - LearningRate * weightDecay;
                firstMoment[i] = Beta1 * firstMoment[i] + (1 - Beta1) * gradient[i];
                secondMoment[i] = Beta2 * secondMoment[i] + (1 - Beta2) * gradient[i] * gradient[i];
                var corrected1 = firstMoment[i] / (1 - Math.Pow(Beta1, step));
                var corrected2 = secondMoment[i] / (1 - Math.Pow(Beta2, step));
                Values[i] -= LearningRate * corrected1 / (Math.Sqrt(corrected2) + Epsilon);
            }
        }
    }

    private sealed class Block : Module
    {
        public Block()
        {
            Dense = RegisterModule("dense", new Linear(3, 2));
            Embedding = RegisterModule("embedding", new Embedding(5, 2));
            Norm = RegisterModule("LayerNorm", new LayerNorm(2));
        }

        public Linear Dense { get; }

        public Embedding Embedding { get; }

        public LayerNorm Norm { get; }
    }
}
