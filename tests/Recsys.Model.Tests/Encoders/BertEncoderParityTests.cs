using Recsys.Model.Encoders;
using Recsys.Model.Tests.Support;
using Recsys.Model.Tests.Tensors;
using Recsys.Model.Text;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
using Padding = Recsys.Model.Text.Padding;

namespace Recsys.Model.Tests.Encoders;

/// <summary>Our encoder against Hugging Face's <c>BertModel</c> on the tiny-bert fixture: same weights, same
/// tokens, the outputs of <c>expected.json</c>.</summary>
[Collection(TorchCollection.Name)]
public sealed class BertEncoderParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    [SkippableTheory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Matches_hugging_face_outputs_on_the_fixture(ScalarType dtype)
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = BertEncoder.Load(TinyBert.Directory);
        encoder.to(dtype);
        var references = TinyBert.Cases.ToList();
        var batch = BertTokenizer.Load(TinyBert.Directory)
            .EncodeBatch(references.Select(reference => reference.Text).ToList(), TinyBert.MaxLength, Padding.MaxLength);
        var (inputIds, attentionMask) = batch.ToTensors();

        BertEncoderOutput result;
        using (no_grad())
        {
            result = encoder.Forward(inputIds, attentionMask);
        }

        var expectedHidden = references.SelectMany(reference => reference.LastHiddenState.SelectMany(row => row)).ToArray();
        var expectedPooled = references.SelectMany(reference => reference.PoolerOutput).ToArray();
        var hiddenDifference = MaxAbsoluteDifference(result.LastHiddenState, expectedHidden);
        var pooledDifference = MaxAbsoluteDifference(result.PooledOutput, expectedPooled);
        output.WriteLine($"{dtype}: last_hidden_state max |diff| {hiddenDifference:E2}, pooler_output max |diff| {pooledDifference:E2}");

        Assert.Equal(dtype, result.LastHiddenState.dtype);
        Assert.Equal([references.Count, TinyBert.MaxLength, encoder.Config.HiddenSize], result.LastHiddenState.shape);
        Assert.Equal([references.Count, encoder.Config.HiddenSize], result.PooledOutput.shape);
        Assert.InRange(hiddenDifference, 0, Tolerance);
        Assert.InRange(pooledDifference, 0, Tolerance);
    }

    private static double MaxAbsoluteDifference(Tensor actual, float[] expected)
    {
        var values = actual.to(ScalarType.Float64).data<double>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        return values.Zip(expected, (value, reference) => Math.Abs(value - reference)).Max();
    }
}
