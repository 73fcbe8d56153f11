using Recsys.Model.Torch;

namespace Recsys.Model.Tests.Torch;

/// <summary>libtorch errors arrive as <see cref="TorchException"/>s that say what went wrong, never as crashes.</summary>
[Collection(TorchCollection.Name)]
public sealed class TorchErrorTests
{
    [SkippableFact]
    public void A_matmul_of_mismatched_shapes_names_both_shapes()
    {
        using var scope = TorchCollection.OpenScope();
        var left = LibTorch.Zeros([2, 3]);
        var right = LibTorch.Zeros([4, 5]);

        var error = Assert.Throws<TorchException>(() => left.MatMul(right));

        Assert.Contains("matmul", error.Message);
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[4, 5]", error.Message);
        Assert.Contains("2x3 and 4x5", error.Message);
        Assert.DoesNotContain("Exception raised from", error.Message);
        Assert.DoesNotContain("frame #", error.Message);
    }

    [SkippableFact]
    public void Errors_of_other_operations_carry_libtorch_message_and_the_operands()
    {
        using var scope = TorchCollection.OpenScope();

        var cat = Assert.Throws<TorchException>(() => LibTorch.Cat([LibTorch.Zeros([2, 3]), LibTorch.Zeros([2, 4])], 0));
        Assert.Contains("cat of Float32[2, 3] and Float32[2, 4]", cat.Message);

        var view = Assert.Throws<TorchException>(() => LibTorch.Zeros([2, 3]).View(4));
        Assert.Contains("shape '[4]' is invalid for input of size 6", view.Message);

        var crossEntropy = Assert.Throws<TorchException>(() => Functional.CrossEntropy(LibTorch.Zeros([2, 3]), LibTorch.Zeros([2])));
        Assert.StartsWith("cross_entropy of Float32[2, 3] and Float32[2]: ", crossEntropy.Message);

        var index = Assert.Throws<TorchException>(() => LibTorch.Zeros([2, 3]).Select(0, 5));
        Assert.Contains("out of range", index.Message);
    }

    [SkippableFact]
    public void Backward_of_a_tensor_without_gradient_history_throws()
    {
        using var scope = TorchCollection.OpenScope();

        var error = Assert.Throws<TorchException>(() => LibTorch.Ones([1]).Backward());

        Assert.Contains("does not require grad", error.Message);
    }

    [SkippableFact]
    public void Reading_elements_as_another_type_is_refused()
    {
        using var scope = TorchCollection.OpenScope();

        var error = Assert.Throws<TorchException>(() => LibTorch.Zeros([2]).ToArray<long>());

        Assert.Contains("Float32", error.Message);
        Assert.Contains("Int64", error.Message);
    }

    [SkippableFact]
    public void A_disposed_tensor_cannot_be_used()
    {
        TorchCollection.RequireLibTorch();
        var tensor = LibTorch.Zeros([2]);
        tensor.Dispose();

        Assert.Throws<ObjectDisposedException>(() => tensor.Exp());
        Assert.Equal("Tensor (disposed)", tensor.ToString());
    }

    [SkippableFact]
    public void Asking_for_a_missing_cuda_device_says_so()
    {
        using var scope = TorchCollection.OpenScope();
        var absent = Device.Cuda(LibTorch.CudaDeviceCount);

        var creation = Assert.Throws<TorchException>(() => LibTorch.Zeros([2], device: absent));
        var move = Assert.Throws<TorchException>(() => LibTorch.Zeros([2]).To(absent));

        Assert.Contains($"device {absent} was requested", creation.Message);
        Assert.Equal(creation.Message, move.Message);
        if (!LibTorch.CudaIsAvailable)
        {
            Assert.Contains("CUDA is not available", creation.Message);
            Assert.Contains("use cpu", creation.Message);
        }
    }

    [Fact]
    public void Devices_parse_and_print()
    {
        Assert.Equal(Device.Cpu, Device.Parse("cpu"));
        Assert.Equal(Device.Cuda(0), Device.Parse("cuda"));
        Assert.Equal(Device.Cuda(3), Device.Parse(" CUDA:3 "));
        Assert.Equal("cuda:1", Device.Cuda(1).ToString());
        Assert.Equal("cpu", Device.Cpu.ToString());
        Assert.Contains("use cpu, cuda or cuda:N", Assert.Throws<FormatException>(() => Device.Parse("gpu")).Message);
        Assert.Throws<FormatException>(() => Device.Parse("cuda:-1"));
    }

    [SkippableFact]
    public void Errors_on_one_thread_do_not_leak_into_another()
    {
        TorchCollection.RequireLibTorch();
        var messages = new string[4];

        Parallel.For(0, messages.Length, i =>
        {
            using var scope = LibTorch.NewDisposeScope();
            var error = Assert.Throws<TorchException>(() => LibTorch.Zeros([2, i + 1]).MatMul(LibTorch.Zeros([7, 2])));
            messages[i] = error.Message;
        });

        for (var i = 0; i < messages.Length; i++)
        {
            Assert.Contains($"2x{i + 1} and 7x2", messages[i]);
        }
    }
}
