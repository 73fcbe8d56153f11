using Recsys.Model.Torch;

namespace Recsys.Model.Tests.Torch;

/// <summary>Values of creation, conversion, indexing and reduction results (gradients: GradientCheckTests).</summary>
[Collection(TorchCollection.Name)]
public sealed class TensorOperationTests
{
    [SkippableFact]
    public void Creates_tensors_with_shape_dtype_and_device()
    {
        using var scope = TorchCollection.OpenScope();
        var zeros = LibTorch.Zeros([2, 3]);
        Assert.Equal([2L, 3L], zeros.Shape);
        Assert.Equal(2, zeros.Rank);
        Assert.Equal(6, zeros.NumElements);
        Assert.Equal(DType.Float32, zeros.DType);
        Assert.Equal(Device.Cpu, zeros.Device);
        Assert.All(zeros.ToArray<float>(), value => Assert.Equal(0f, value));

        Assert.Equal([1.0, 1.0], LibTorch.Ones([2], DType.Float64).ToArray<double>());
        Assert.Equal([7L, 7L, 7L], LibTorch.Full([3], 7, DType.Int64).ToArray<long>());
        Assert.Equal([1f, 0f, 0f, 0f, 1f, 0f], LibTorch.Eye(2, 3).ToArray<float>());
    }

    [SkippableFact]
    public void Arange_infers_int64_from_integers_and_float32_otherwise()
    {
        using var scope = TorchCollection.OpenScope();
        var integers = LibTorch.Arange(0, 5);
        Assert.Equal(DType.Int64, integers.DType);
        Assert.Equal([0L, 1, 2, 3, 4], integers.ToArray<long>());

        var reals = LibTorch.Arange(0, 1, 0.25);
        Assert.Equal(DType.Float32, reals.DType);
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f], reals.ToArray<float>());
    }

    [SkippableFact]
    public void Random_tensors_are_reproducible_with_a_seed_and_in_range()
    {
        using var scope = TorchCollection.OpenScope();
        LibTorch.ManualSeed(42);
        var first = LibTorch.Randn([100]).ToArray<float>();
        LibTorch.ManualSeed(42);
        Assert.Equal(first, LibTorch.Randn([100]).ToArray<float>());

        Assert.All(LibTorch.Rand([1000]).ToArray<float>(), value => Assert.InRange(value, 0f, 1f));
        var integers = LibTorch.RandInt(3, 6, [1000]).ToArray<long>();
        Assert.All(integers, value => Assert.InRange(value, 3L, 5L));
        Assert.Equal([3L, 4L, 5L], integers.Distinct().Order());
    }

    [SkippableFact]
    public void Round_trips_arrays_of_every_element_type()
    {
        using var scope = TorchCollection.OpenScope();
        Assert.Equal([1.5f, -2f], LibTorch.FromArray<float>([1.5f, -2f]).ToArray<float>());
        Assert.Equal([1.5, -2.0], LibTorch.FromArray<double>([1.5, -2.0]).ToArray<double>());
        Assert.Equal([long.MaxValue, -1L], LibTorch.FromArray<long>([long.MaxValue, -1L]).ToArray<long>());
        Assert.Equal([3, -4], LibTorch.FromArray<int>([3, -4]).ToArray<int>());
        Assert.Equal([true, false], LibTorch.FromArray<bool>([true, false]).ToArray<bool>());
        Assert.Equal(2.5f, LibTorch.FromArray<float>([2.5f], []).Item<float>());

        var matrix = LibTorch.FromArray<float>([1, 2, 3, 4, 5, 6], [2, 3]);
        Assert.Equal([2L, 3L], matrix.Shape);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], matrix.Transpose(0, 1).ToArray<float>());
    }

    [SkippableFact]
    public void Converts_dtypes_including_half_precision()
    {
        using var scope = TorchCollection.OpenScope();
        var values = LibTorch.FromArray<float>([1.5f, -0.25f, 3f]);

        Assert.Equal([1L, 0L, 3L], values.To(DType.Int64).ToArray<long>());
        Assert.Equal([1.5f, -0.25f, 3f], values.To(DType.BFloat16).To(DType.Float32).ToArray<float>());
        Assert.Equal([(Half)1.5f, (Half)(-0.25f), (Half)3f], values.To(DType.Float16).ToArray<Half>());
        Assert.Equal(6, values.To(DType.BFloat16).ToBytes().Length);
    }

    [SkippableFact]
    public void Integer_scalars_keep_integer_tensors_integer()
    {
        using var scope = TorchCollection.OpenScope();
        var indices = LibTorch.FromArray<long>([1, 2, 3]);

        Assert.Equal(DType.Int64, (indices + 1).DType);
        Assert.Equal([2L, 4L, 6L], (indices * 2).ToArray<long>());
        Assert.Equal(DType.Float32, (indices + 0.5f).DType);
        Assert.Equal([0.5f, 1f, 1.5f], (indices / 2).ToArray<float>());
    }

    [SkippableFact]
    public void Computes_element_wise_math_and_comparisons()
    {
        using var scope = TorchCollection.OpenScope();
        var x = LibTorch.FromArray<float>([1, 4, 9]);
        var y = LibTorch.FromArray<float>([2, 4, 8]);

        Assert.Equal([1f, 2f, 3f], x.Sqrt().ToArray<float>());
        Assert.Equal([3f, 8f, 17f], (x + y).ToArray<float>());
        Assert.Equal([-1f, -4f, -9f], (-x).ToArray<float>());
        Assert.Equal([9f, 6f, 1f], (10 - x).ToArray<float>());
        Assert.Equal([4f, 1f, 4f / 9], (4 / x).ToArray<float>());
        Assert.Equal([1f, 16f, 81f], x.Pow(2).ToArray<float>());
        Assert.Equal([2f, 4f, 8f], x.Clamp(2, 8).ToArray<float>());
        Assert.Equal([false, true, false], x.Eq(y).ToArray<bool>());
        Assert.Equal([true, false, true], x.Ne(y).ToArray<bool>());
        Assert.Equal([true, false, false], x.Lt(y).ToArray<bool>());
        Assert.Equal([true, true, false], x.Le(y).ToArray<bool>());
        Assert.Equal([false, false, true], x.Gt(y).ToArray<bool>());
        Assert.Equal([false, true, true], x.Ge(4).ToArray<bool>());
        Assert.Equal([false, true, false], x.Gt(2).LogicalAnd(x.Lt(5)).ToArray<bool>());
        Assert.Equal([true, false, true], x.Lt(2).LogicalOr(x.Gt(5)).ToArray<bool>());
        Assert.Equal([false, true, false], x.Eq(4).LogicalNot().LogicalNot().ToArray<bool>());
    }

    [SkippableFact]
    public void Reduces_along_dims_and_finds_extremes()
    {
        using var scope = TorchCollection.OpenScope();
        var x = LibTorch.FromArray<float>([3, 1, 2, 0, 5, 4], [2, 3]);

        Assert.Equal(15f, x.Sum().Item<float>());
        Assert.Equal([6f, 9f], x.Sum(1).ToArray<float>());
        Assert.Equal([1.5f, 3f, 3f], x.Mean(0, keepDim: true).ToArray<float>());
        Assert.Equal([1L, 3L], x.Mean(0, keepDim: true).Shape);
        Assert.Equal(5f, x.Max().Item<float>());
        Assert.Equal(0f, x.Min().Item<float>());
        var (values, indices) = x.Max(1);
        Assert.Equal([3f, 5f], values.ToArray<float>());
        Assert.Equal([0L, 1L], indices.ToArray<long>());
        Assert.Equal([1L, 0L, 0L], x.Min(0).Indices.ToArray<long>());
        Assert.Equal([0L, 1L], x.ArgMax(1).ToArray<long>());
        var top = x.TopK(2);
        Assert.Equal([3f, 2f, 5f, 4f], top.Values.ToArray<float>());
        Assert.Equal([0L, 2L, 1L, 2L], top.Indices.ToArray<long>());
        Assert.Equal([1f, 2f, 0f, 4f], x.TopK(2, largest: false).Values.ToArray<float>());
        Assert.Equal(MathF.Log(MathF.Exp(3) + MathF.Exp(1) + MathF.Exp(2)), x.LogSumExp(1).ToArray<float>()[0], 5);
        Assert.Equal([1f, 1f], x.Softmax(1).Sum(1).ToArray<float>(), new Tolerance(1e-6));
    }

    [SkippableFact]
    public void Indexes_and_reshapes()
    {
        using var scope = TorchCollection.OpenScope();
        var x = LibTorch.Arange(0, 12).Reshape(3, 4);

        Assert.Equal([4L, 5, 6, 7], x.Select(0, 1).ToArray<long>());
        Assert.Equal([1L, 2, 5, 6, 9, 10], x.Narrow(1, 1, 2).ToArray<long>());
        Assert.Equal([0L, 2, 4, 6, 8, 10], x.Slice(1, 0, 4, 2).ToArray<long>());
        Assert.Equal([8L, 9, 10, 11, 0, 1, 2, 3], x.IndexSelect(0, LibTorch.FromArray<long>([2, 0])).ToArray<long>());
        Assert.Equal([3L, 4, 10], x.Gather(1, LibTorch.FromArray<long>([3, 0, 2], [3, 1])).ToArray<long>());
        Assert.Equal([4L, 3L], x.Transpose(0, 1).Shape);
        Assert.Equal([4L, 1L, 3L], x.Permute(1, 0).Unsqueeze(1).Shape);
        Assert.Equal([3L, 4L], x.Unsqueeze(0).Squeeze().Shape);
        Assert.Equal([2L, 3L, 4L], x.Expand(2, -1, -1).Shape);
        Assert.Equal([12L], x.View(-1).Shape);
        Assert.Equal([0L, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], x.Transpose(0, 1).Contiguous().Transpose(0, 1).Reshape(12).ToArray<long>());
        Assert.Equal([6L, 4L], LibTorch.Cat([x, x.Slice(0, 0, 3)], 0).Shape);
        Assert.Equal([3L, 2L, 4L], LibTorch.Stack([x, x], 1).Shape);
    }

    [SkippableFact]
    public void Masks_fill_select_and_make_triangles()
    {
        using var scope = TorchCollection.OpenScope();
        var x = LibTorch.FromArray<float>([1, 2, 3, 4], [2, 2]);
        var mask = LibTorch.FromArray<bool>([true, false, false, true], [2, 2]);

        Assert.Equal([0f, 2f, 3f, 0f], x.MaskedFill(mask, 0).ToArray<float>());
        Assert.Equal([1f, -2f, -3f, 4f], LibTorch.Where(mask, x, -x).ToArray<float>());
        Assert.Equal([1f, 2f, 0f, 4f], x.Triu().ToArray<float>());
        Assert.Equal([1f, 0f, 3f, 4f], x.Tril().ToArray<float>());
        Assert.Equal([true, false, true, true], Functional.CausalKeepMask(2).ToArray<bool>());
        Assert.Equal([0f, -1e9f], Functional.AdditiveMask(LibTorch.FromArray<long>([1, 0])).ToArray<float>());
    }

    [SkippableFact]
    public void Gelu_is_the_exact_erf_form()
    {
        using var scope = TorchCollection.OpenScope();
        // x·Φ(x) at 1: 0.8413447460685429 (the tanh approximation gives 0.8411919906082768).
        var value = LibTorch.FromArray<double>([1.0]).Gelu().Item<double>();

        Assert.Equal(0.8413447460685429, value, 12);
    }

    [SkippableFact]
    public void Attention_masks_out_blocked_keys()
    {
        using var scope = TorchCollection.OpenScope();
        var query = LibTorch.Randn([1, 2, 4]);
        var key = LibTorch.Randn([1, 3, 4]);
        var value = LibTorch.FromArray<float>([1, 10, 100], [1, 3, 1]);
        var keepFirstOnly = Functional.AdditiveMask(LibTorch.FromArray<bool>([true, false, false], [1, 1, 3]));

        var attended = Functional.ScaledDotProductAttention(query, key, value, keepFirstOnly);

        Assert.Equal([1f, 1f], attended.ToArray<float>());
    }

    [SkippableFact]
    public void Cross_entropy_ignores_the_ignore_index_in_the_mean()
    {
        using var scope = TorchCollection.OpenScope();
        var logits = LibTorch.FromArray<float>([2, 0, 0, 0, 3, 0], [2, 3]);
        var onlyFirst = Functional.CrossEntropy(logits, LibTorch.FromArray<long>([0, -100])).Item<float>();

        var expected = -MathF.Log(MathF.Exp(2) / (MathF.Exp(2) + 2));
        Assert.Equal(expected, onlyFirst, 5);
    }

    [SkippableFact]
    public void Dropout_zeroes_and_rescales_in_training_only()
    {
        using var scope = TorchCollection.OpenScope();
        var ones = LibTorch.Ones([10_000]);

        var dropped = Functional.Dropout(ones, 0.25, training: true).ToArray<float>();
        Assert.All(dropped, value => Assert.True(value == 0f || Math.Abs(value - 4f / 3) < 1e-6));
        Assert.InRange(dropped.Count(value => value == 0f), 2200, 2800);
        Assert.All(Functional.Dropout(ones, 0.25, training: false).ToArray<float>(), value => Assert.Equal(1f, value));
    }

    [SkippableFact]
    public void No_grad_stops_recording_and_restores_the_previous_mode()
    {
        using var scope = TorchCollection.OpenScope();
        var weight = LibTorch.Ones([2]);
        weight.RequiresGrad = true;

        using (LibTorch.NoGrad())
        {
            Assert.False((weight * 2).RequiresGrad);
        }

        Assert.True((weight * 2).RequiresGrad);
        Assert.False((weight * 2).Detach().RequiresGrad);
    }

    [SkippableFact]
    public void Gradients_accumulate_until_cleared()
    {
        using var scope = TorchCollection.OpenScope();
        var weight = LibTorch.FromArray<float>([1, 2]);
        weight.RequiresGrad = true;
        Assert.Null(weight.Grad);

        (weight * weight).Sum().Backward();
        (weight * 3).Backward(LibTorch.Ones([2]));
        Assert.Equal([5f, 7f], weight.Grad!.ToArray<float>());

        weight.ClearGrad();
        Assert.Null(weight.Grad);
    }

    [SkippableFact]
    public void Sets_the_thread_count_and_needs_no_synchronising_on_the_cpu()
    {
        using var scope = TorchCollection.OpenScope();
        var threads = LibTorch.NumThreads;
        try
        {
            LibTorch.SetNumThreads(2);
            Assert.Equal(2, LibTorch.NumThreads);
            LibTorch.Synchronize(Device.Cpu);
            Assert.Matches(@"^\d+\.\d+", LibTorch.Version);
        }
        finally
        {
            LibTorch.SetNumThreads(threads);
        }
    }
}
