using static TorchSharp.torch;

namespace Recsys.Model.Tensors;

/// <summary>Numbers out of tensors, for the C# code around the model.</summary>
public static class TensorValues
{
    /// <summary>The float32 numbers of <paramref name="values"/>, row-major, copied to the CPU (any copy made on the
    /// way belongs to the caller's dispose scope).</summary>
    public static float[] ToFloats(Tensor values)
    {
        using var numbers = values.cpu().contiguous().data<float>();
        return numbers.ToArray();
    }
}
