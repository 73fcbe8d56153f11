using Recsys.Model.Text;
using Recsys.Model.Torch;

namespace Recsys.Model.Encoders;

public static class BertBatchTensors
{
    /// <summary>The batch's token ids and attention mask as int64 [count, length] tensors on <paramref name="device"/>.</summary>
    public static (Tensor InputIds, Tensor AttentionMask) ToTensors(this BertBatch batch, Device? device = null)
    {
        using var scope = LibTorch.NewDisposeScope();
        long[] shape = [batch.Count, batch.Length];
        var inputIds = LibTorch.FromArray<long>(batch.InputIds, shape);
        var attentionMask = LibTorch.FromArray<long>(batch.AttentionMask, shape);
        return device is { Type: not DeviceType.Cpu } target
            ? (inputIds.To(target).MoveToOuterScope(), attentionMask.To(target).MoveToOuterScope())
            : (inputIds.MoveToOuterScope(), attentionMask.MoveToOuterScope());
    }
}
