using Recsys.Model.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Tensors;

[Collection(TorchCollection.Name)]
public sealed class TransformerAdamWTests
{
    private const double LearningRate = 0.1, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, WeightDecay = 0.1;

    [SkippableFact]
    public void Two_steps_match_the_update_computed_by_hand()
    {
        TorchCollection.RequireLibTorch();
        double[] weightValues = [1.0, -2.0], biasValues = [0.5];
        using var model = new WeightAndBias(weightValues, biasValues);
        using var optimizer = TransformerAdamW.Create(model, LearningRate, WeightDecay, Beta1, Beta2, Epsilon);
        var expectedWeight = new AdamReference(weightValues, WeightDecay);
        var expectedBias = new AdamReference(biasValues, 0);

        for (var step = 1; step <= 2; step++)
        {
            using var scope = torch.NewDisposeScope();
            model.zero_grad();
            // loss = Σ w³ + 3b²: gradients 3w² and 6b change from step to step.
            (model.Weight.pow(3).sum() + model.Bias.pow(2).sum() * 3).backward();
            expectedWeight.Step(expectedWeight.Values.Select(w => 3 * w * w).ToArray());
            expectedBias.Step(expectedBias.Values.Select(b => 6 * b).ToArray());
            optimizer.step();

            Assert.Equal(expectedWeight.Values, model.Weight.data<double>().ToArray(), new Tolerance(1e-12));
            Assert.Equal(expectedBias.Values, model.Bias.data<double>().ToArray(), new Tolerance(1e-12));
        }
    }

    [SkippableFact]
    public void A_zero_learning_rate_leaves_the_parameters_alone()
    {
        TorchCollection.RequireLibTorch();
        using var model = new WeightAndBias([1.0, 2.0], [3.0]);
        using var optimizer = TransformerAdamW.Create(model, LearningRate, WeightDecay);
        using var scope = torch.NewDisposeScope();

        TransformerAdamW.SetLearningRate(optimizer, 0);
        (model.Weight.sum() + model.Bias.sum()).backward();
        optimizer.step();

        Assert.All(optimizer.ParamGroups, group => Assert.Equal(0, group.LearningRate));
        Assert.Equal([1.0, 2.0], model.Weight.data<double>().ToArray());
        Assert.Equal([3.0], model.Bias.data<double>().ToArray());
    }

    [SkippableFact]
    public void Biases_and_layer_norm_parameters_do_not_decay()
    {
        TorchCollection.RequireLibTorch();
        using var model = new Block();

        using var optimizer = TransformerAdamW.Create(model, LearningRate, weightDecay: 0.01);

        var groups = optimizer.ParamGroups.Cast<AdamW.ParamGroup>().ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(0.01, groups[0].Options.weight_decay);
        Assert.Equal(["dense.weight", "embedding.weight", "retrieval_bias"], Names(model, groups[0].Parameters));
        Assert.Equal(0, groups[1].Options.weight_decay);
        Assert.Equal(["LayerNorm.bias", "LayerNorm.weight", "dense.bias"], Names(model, groups[1].Parameters));
        Assert.All(groups, group => Assert.Equal(LearningRate, group.LearningRate));
    }

    [SkippableFact]
    public void A_part_left_out_gets_no_group()
    {
        TorchCollection.RequireLibTorch();
        using var model = new Block();

        using var optimizer = TransformerAdamW.Create(model, LearningRate, weightDecay: 0.01, except: model.Norm);

        var groups = optimizer.ParamGroups.Cast<AdamW.ParamGroup>().ToList();
        Assert.Equal(["dense.weight", "embedding.weight", "retrieval_bias"], Names(model, groups[0].Parameters));
        Assert.Equal(["dense.bias"], Names(model, groups[1].Parameters));
    }

    /// <summary>The names of <paramref name="parameters"/> in <paramref name="model"/>, sorted. By identity:
    /// Tensor.Equals compares values.</summary>
    private static List<string> Names(nn.Module model, IEnumerable<Parameter> parameters) => parameters
        .Select(parameter => model.named_parameters().Single(named => ReferenceEquals(named.parameter, parameter)).name)
        .Order(StringComparer.Ordinal).ToList();

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

    /// <summary>A float64 weight, which decays, and a bias, which does not.</summary>
    private sealed class WeightAndBias : ExplicitModule
    {
        public WeightAndBias(double[] weight, double[] bias) : base(nameof(WeightAndBias))
        {
            Weight = Register("weight", new Parameter(tensor(weight)));
            Bias = Register("bias", new Parameter(tensor(bias)));
        }

        public Parameter Weight { get; }

        public Parameter Bias { get; }
    }

    private sealed class Block : ExplicitModule
    {
        public Block() : base(nameof(Block))
        {
            Own = Register("retrieval_bias", new Parameter(zeros(3)));
            Dense = Register("dense", nn.Linear(3, 2));
            Embedding = Register("embedding", nn.Embedding(5, 2));
            Norm = Register("LayerNorm", nn.LayerNorm([2]));
        }

        /// <summary>A parameter of the root module itself, named like one but not a bias: it decays.</summary>
        public Parameter Own { get; }

        public Linear Dense { get; }

        public Embedding Embedding { get; }

        public LayerNorm Norm { get; }
    }
}
