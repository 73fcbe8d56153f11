using Recsys.Model.Text;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

public static class BertBatchTensors
{
    /// <summary>The batch's token ids and attention mask as int64 [count, length] tensors on <paramref name="device"/>.</summary>
    public static (Tensor InputIds, Tensor AttentionMask) ToTensors(this BertBatch batch, Device? device = null) =>
        (Matrix(batch, batch.InputIds, device), Matrix(batch, batch.AttentionMask, device));

    /// <summary>Values of the batch's shape (labels, say) as an int64 [count, length] tensor on <paramref name="device"/>.</summary>
    public static Tensor Matrix(this BertBatch batch, long[] values, Device? device = null) =>
        tensor(values, [batch.Count, batch.Length], device: device);
}
