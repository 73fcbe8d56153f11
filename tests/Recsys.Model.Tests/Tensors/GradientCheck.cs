using Recsys.Model.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Tensors;

/// <summary>An input of a gradient check: float64 values in row-major order and their shape.</summary>
internal sealed record CheckedInput(double[] Values, long[] Shape)
{
    /// <summary>Values uniform in [min, max), reproducible from <paramref name="seed"/>.</summary>
    public static CheckedInput Random(long[] shape, int seed, double min = -2, double max = 2)
    {
        var random = new Random(seed);
        var count = shape.Aggregate(1L, (product, size) => product * size);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = min + (max - min) * random.NextDouble();
        }

        return new CheckedInput(values, shape);
    }

    public Tensor ToTensor() => tensor(Values, Shape);
}

/// <summary>Compares the gradients autograd computes with central differences, in float64. The checked scalar
/// is sum(f(inputs) · W) for fixed random weights W, so every output element counts with its own weight.
/// libtorch's random generator is reseeded before every evaluation, so that dropout draws the same mask.</summary>
internal static class GradientCheck
{
    private const double Step = 1e-6;
    private const double AbsoluteTolerance = 1e-6;
    private const double RelativeTolerance = 1e-5;
    private const ulong DropoutSeed = 7;

    public static void Assert(Func<Tensor[], Tensor> function, params CheckedInput[] inputs)
    {
        using var scope = NewDisposeScope();
        var weights = OutputWeights(function, inputs);
        var analytic = AnalyticGradients(function, inputs, weights);
        for (var input = 0; input < inputs.Length; input++)
        {
            for (var element = 0; element < inputs[input].Values.Length; element++)
            {
                var numeric = NumericDerivative(function, inputs, weights, input, element);
                var computed = analytic[input][element];
                var tolerance = AbsoluteTolerance + RelativeTolerance * Math.Abs(numeric);
                Xunit.Assert.True(Math.Abs(numeric - computed) <= tolerance,
                    $"input {input}, element {element}: autograd gives {computed:R}, central differences {numeric:R}");
            }
        }
    }

    private static Tensor OutputWeights(Func<Tensor[], Tensor> function, CheckedInput[] inputs)
    {
        using var noGrad = no_grad();
        var output = Evaluate(function, inputs.Select(input => input.ToTensor()).ToArray());
        return CheckedInput.Random(output.shape, seed: 12345, min: 0.5, max: 1.5).ToTensor();
    }

    private static double[][] AnalyticGradients(Func<Tensor[], Tensor> function, CheckedInput[] inputs, Tensor weights)
    {
        var tensors = inputs.Select(input => input.ToTensor().requires_grad_()).ToArray();
        (Evaluate(function, tensors) * weights).sum().backward();
        return tensors.Select(tensor => tensor.grad is { } gradient ? gradient.data<double>().ToArray() : new double[tensor.numel()]).ToArray();
    }

    private static double NumericDerivative(Func<Tensor[], Tensor> function, CheckedInput[] inputs, Tensor weights, int input, int element)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var original = inputs[input].Values[element];
        try
        {
            inputs[input].Values[element] = original + Step;
            var above = WeightedSum(function, inputs, weights);
            inputs[input].Values[element] = original - Step;
            var below = WeightedSum(function, inputs, weights);
            return (above - below) / (2 * Step);
        }
        finally
        {
            inputs[input].Values[element] = original;
        }
    }

    private static double WeightedSum(Func<Tensor[], Tensor> function, CheckedInput[] inputs, Tensor weights) =>
        (Evaluate(function, inputs.Select(input => input.ToTensor()).ToArray()) * weights).sum().item<double>();

    private static Tensor Evaluate(Func<Tensor[], Tensor> function, Tensor[] tensors)
    {
        TorchRuntime.Seed(DropoutSeed);
        var output = function(tensors);
        Xunit.Assert.Equal(ScalarType.Float64, output.dtype);
        return output;
    }
}
