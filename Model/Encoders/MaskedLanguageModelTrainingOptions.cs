namespace Recsys.Model.Encoders;

/// <summary>Settings of <see cref="MaskedLanguageModelTrainer"/>. The defaults suit pre-training a small model from
/// scratch; to continue training a pre-trained BERT, use a peak learning rate near 5e-5.</summary>
public sealed record MaskedLanguageModelTrainingOptions
{
    public int Epochs { get; init; } = 80;

    /// <summary>Texts per optimizer step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The peak of the <see cref="Tensors.LinearWarmupSchedule"/>.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>AdamW's decoupled weight decay; biases and LayerNorm parameters do not decay.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>The share of all steps spent warming the learning rate up.</summary>
    public double WarmupFraction { get; init; } = 0.1;

    /// <summary>Gradients are scaled down together to at most this global L2 norm.</summary>
    public double MaxGradientNorm { get; init; } = 1;

    /// <summary>The share of each text's tokens to predict (<see cref="TokenMasker"/>).</summary>
    public double MaskProbability { get; init; } = 0.15;

    /// <summary>Longer texts are cut to this many tokens ([CLS] and [SEP] included), and to the model's maximum.</summary>
    public int MaxLength { get; init; } = 32;

    /// <summary>The threads libtorch uses inside each operation; all cores by default. Fewer can be faster on a
    /// machine that other work keeps busy, where threads wait for each other's turn on a core.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Seeds libtorch (initialisation, dropout), the order of the texts and the masking: on the CPU, a run
    /// is the same every time.</summary>
    public int Seed { get; init; } = 42;
}
