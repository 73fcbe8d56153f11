using System.Text.Json.Serialization;

namespace Recsys.Model.Ranking;

/// <summary>Standardises feature vectors with the training rows' statistics: (x − mean) / deviation, clipped to
/// ±<see cref="Clip"/>. Shared by the learned rankers so that both see their inputs alike.</summary>
/// <param name="Means">The training mean of each feature: a neutral value for it.</param>
/// <param name="InverseDeviations">1 / standard deviation of each feature (1 for a constant one).</param>
public sealed record FeatureStandardisation(float[] Means, float[] InverseDeviations)
{
    /// <summary>A rare extreme value must not dominate a score.</summary>
    public const float Clip = 8;

    [JsonIgnore]
    public int Inputs => Means.Length;

    /// <summary>The statistics of row-major training rows of <paramref name="inputs"/> features.</summary>
    public static FeatureStandardisation Fit(float[] rows, int inputs)
    {
        var count = rows.Length / inputs;
        var sums = new double[inputs];
        var squares = new double[inputs];
        for (var row = 0; row < count; row++)
        {
            for (var i = 0; i < inputs; i++)
            {
                double value = rows[row * inputs + i];
                sums[i] += value;
                squares[i] += value * value;
            }
        }

        var means = new float[inputs];
        var inverseDeviations = new float[inputs];
        for (var i = 0; i < inputs; i++)
        {
            var mean = count > 0 ? sums[i] / count : 0;
            var variance = count > 0 ? Math.Max(0, squares[i] / count - mean * mean) : 0;
            means[i] = (float)mean;
            inverseDeviations[i] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 1;
        }

        return new FeatureStandardisation(means, inverseDeviations);
    }

    /// <summary>Standardises raw features into <paramref name="standardised"/> (length <see cref="Inputs"/>).</summary>
    public void Apply(ReadOnlySpan<float> features, Span<float> standardised)
    {
        for (var i = 0; i < Inputs; i++)
        {
            standardised[i] = Math.Clamp((features[i] - Means[i]) * InverseDeviations[i], -Clip, Clip);
        }
    }
}
