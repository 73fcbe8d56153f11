namespace Recsys.Model.Ranking;

/// <summary>The learned scorer: standardised features → one hidden ReLU layer → a logit, the probability
/// that the candidate is in the customer's next basket being its sigmoid. With no hidden units it is a
/// logistic regression. Gradients are written by hand (<see cref="AccumulateGradient"/>); the parameters
/// live in one flat array so that an optimiser can treat them uniformly.</summary>
/// <remarks>Layout of <see cref="Parameters"/>: hidden weights (hidden × inputs, row-major), hidden biases,
/// output weights (hidden, or inputs when there is no hidden layer), output bias.</remarks>
public sealed class RankingNetwork
{
    public RankingNetwork(int inputs, int hiddenUnits, FeatureStandardisation standardisation,
        Vocabulary? items = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(hiddenUnits);
        if (standardisation.Means.Length != inputs || standardisation.InverseDeviations.Length != inputs)
        {
            throw new ArgumentException("one mean and one inverse deviation per input are needed");
        }

        Inputs = inputs;
        HiddenUnits = hiddenUnits;
        Standardisation = standardisation;
        Items = items ?? new Vocabulary();
        var outputInputs = hiddenUnits > 0 ? hiddenUnits : inputs;
        Parameters = new float[hiddenUnits * inputs + hiddenUnits + outputInputs + 1 + 2 * Items.Count];
    }

    /// <summary>Items with a learned bias (one for a repeat, one for an explore candidate).</summary>
    public Vocabulary Items { get; }

    /// <summary>Index in <see cref="Parameters"/> of the bias of an item as a repeat or explore candidate;
    /// −1 for an item without one.</summary>
    public int ItemBiasIndex(string itemId, bool isRepeat) =>
        Items.TryGetNumber(itemId, out var row) ? ItemBiasesOffset + 2 * row + (isRepeat ? 0 : 1) : -1;

    private int ItemBiasesOffset => OutputBiasOffset + 1;

    public IEnumerable<int> ItemBiasIndices => Enumerable.Range(ItemBiasesOffset, 2 * Items.Count);

    public int Inputs { get; }

    public FeatureStandardisation Standardisation { get; }

    /// <summary>The training mean of input <paramref name="input"/>: a neutral value for it.</summary>
    public float Mean(int input) => Standardisation.Means[input];

    public int HiddenUnits { get; }

    public float[] Parameters { get; }

    /// <summary>The parts of <see cref="Parameters"/> as named tensors, in PyTorch's shapes (a Linear weight is
    /// [out, in]): what a checkpoint stores. Without a hidden layer there are no hidden blocks.</summary>
    public IReadOnlyList<ParameterBlock> Blocks =>
    [
        .. HiddenUnits > 0
            ? new[]
            {
                new ParameterBlock("hidden.weight", [HiddenUnits, Inputs], 0),
                new ParameterBlock("hidden.bias", [HiddenUnits], HiddenBiasesOffset),
            }
            : [],
        new ParameterBlock("output.weight", [1, OutputInputs], OutputWeightsOffset),
        new ParameterBlock("output.bias", [1], OutputBiasOffset),
        new ParameterBlock("item_biases", [Items.Count, 2], ItemBiasesOffset),
    ];

    /// <summary>Entries of <see cref="Parameters"/> that are weights (decayed), not biases.</summary>
    public IEnumerable<int> WeightIndices =>
        Enumerable.Range(0, HiddenUnits * Inputs).Concat(Enumerable.Range(OutputWeightsOffset, OutputInputs));

    private int OutputInputs => HiddenUnits > 0 ? HiddenUnits : Inputs;

    private int HiddenBiasesOffset => HiddenUnits * Inputs;

    private int OutputWeightsOffset => HiddenBiasesOffset + HiddenUnits;

    private int OutputBiasOffset => OutputWeightsOffset + OutputInputs;

    /// <summary>He-initialised hidden weights, small output weights, zero biases.</summary>
    public void Initialise(Random random)
    {
        Array.Clear(Parameters);
        var hiddenScale = Math.Sqrt(2.0 / Inputs);
        for (var i = 0; i < HiddenUnits * Inputs; i++)
        {
            Parameters[i] = (float)(Gaussian(random) * hiddenScale);
        }

        var outputScale = Math.Sqrt(1.0 / OutputInputs);
        for (var i = 0; i < OutputInputs; i++)
        {
            Parameters[OutputWeightsOffset + i] = (float)(Gaussian(random) * outputScale);
        }
    }

    /// <summary>The logit of a candidate's raw features.</summary>
    public float Score(ReadOnlySpan<float> features, string itemId)
    {
        Span<float> input = stackalloc float[Inputs];
        Span<float> hidden = stackalloc float[HiddenUnits];
        Standardisation.Apply(features, input);
        return Forward(input, hidden, ItemBiasIndex(itemId, features[(int)RankingFeature.IsRepeat] > 0));
    }

    /// <summary>The logit of standardised features; <paramref name="hidden"/> receives the hidden
    /// activations.</summary>
    public float Forward(ReadOnlySpan<float> input, Span<float> hidden, int itemBiasIndex)
    {
        var parameters = Parameters.AsSpan();
        var itemBias = itemBiasIndex >= 0 ? parameters[itemBiasIndex] : 0;
        if (HiddenUnits == 0)
        {
            return VectorMath.Dot(parameters.Slice(OutputWeightsOffset, Inputs), input)
                   + parameters[OutputBiasOffset] + itemBias;
        }

        for (var h = 0; h < HiddenUnits; h++)
        {
            var preActivation = VectorMath.Dot(parameters.Slice(h * Inputs, Inputs), input)
                                + parameters[HiddenBiasesOffset + h];
            hidden[h] = Math.Max(0, preActivation);
        }

        return VectorMath.Dot(parameters.Slice(OutputWeightsOffset, HiddenUnits), hidden)
               + parameters[OutputBiasOffset] + itemBias;
    }

    /// <summary>Adds to <paramref name="gradient"/> the gradient of the loss whose derivative with respect to
    /// the logit is <paramref name="logitGradient"/>, at the input and hidden activations of a
    /// <see cref="Forward"/> call.</summary>
    public void AccumulateGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> hidden, int itemBiasIndex,
        float logitGradient, Span<float> gradient)
    {
        gradient[OutputBiasOffset] += logitGradient;
        if (itemBiasIndex >= 0)
        {
            gradient[itemBiasIndex] += logitGradient;
        }

        if (HiddenUnits == 0)
        {
            VectorMath.AddScaled(gradient.Slice(OutputWeightsOffset, Inputs), input, logitGradient);
            return;
        }

        VectorMath.AddScaled(gradient.Slice(OutputWeightsOffset, HiddenUnits), hidden, logitGradient);
        for (var h = 0; h < HiddenUnits; h++)
        {
            if (hidden[h] <= 0)
            {
                continue;
            }

            var hiddenGradient = logitGradient * Parameters[OutputWeightsOffset + h];
            gradient[HiddenBiasesOffset + h] += hiddenGradient;
            VectorMath.AddScaled(gradient.Slice(h * Inputs, Inputs), input, hiddenGradient);
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

/// <summary>A named part of <see cref="RankingNetwork.Parameters"/>: <see cref="Length"/> values from
/// <see cref="Offset"/>, row-major in <see cref="Shape"/>.</summary>
public sealed record ParameterBlock(string Name, long[] Shape, int Offset)
{
    public int Length => (int)Shape.Aggregate(1L, (count, size) => count * size);
}
