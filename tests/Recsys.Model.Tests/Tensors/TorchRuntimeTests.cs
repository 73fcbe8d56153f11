using System.Runtime.InteropServices;
using Recsys.Model.Tensors;
using Recsys.Model.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Tensors;

/// <summary>Loading libtorch, seeding it, the devices configuration names, and how libtorch's errors arrive.</summary>
[Collection(TorchCollection.Name)]
public sealed class TorchRuntimeTests
{
    [Fact]
    public void Availability_and_its_reason_agree()
    {
        Assert.Equal(TorchRuntime.IsAvailable, TorchRuntime.UnavailableReason is null);
        Assert.True(TorchRuntime.CudaDeviceCount >= 0);
    }

    [SkippableFact]
    public void The_same_seed_draws_the_same_numbers()
    {
        using var scope = TorchCollection.OpenScope();
        TorchRuntime.Seed(42);
        var first = randn(100).data<float>().ToArray();
        var other = randn(100).data<float>().ToArray();
        TorchRuntime.Seed(42);

        Assert.Equal(first, randn(100).data<float>().ToArray());
        Assert.NotEqual(first, other);
    }

    [SkippableFact]
    public void The_cpu_is_always_there()
    {
        TorchCollection.RequireLibTorch();

        TorchRuntime.RequireAvailable(ComputeDevice.Cpu);
    }

    [SkippableFact]
    public void Asking_for_a_missing_cuda_device_says_so()
    {
        TorchCollection.RequireLibTorch();
        var count = TorchRuntime.CudaDeviceCount;
        var absent = ComputeDevice.Cuda(count);

        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.RequireAvailable(absent));

        Assert.Contains($"{absent} was asked for", error.Message);
        Assert.Contains(count == 0 ? "CUDA is not available here" : $"only {count} CUDA device(s)", error.Message);
        if (count == 0)
        {
            Assert.Contains("use the cpu device", error.Message);
        }
    }

    [SkippableFact]
    public void Libtorch_errors_arrive_as_external_exceptions_with_its_message()
    {
        // Serving and the command line catch ExternalException to report a bad checkpoint or device in one line.
        // (Not matmul: TorchSharp 0.107's THSTensor_matmul lets libtorch's error terminate the process.)
        using var scope = TorchCollection.OpenScope();

        var view = Assert.ThrowsAny<ExternalException>(() => zeros(2, 3).view(4));
        var join = Assert.ThrowsAny<ExternalException>(() => cat([zeros(2, 3), zeros(2, 4)], 0));

        Assert.Contains("shape '[4]' is invalid for input of size 6", view.Message);
        Assert.Contains("Sizes of tensors must match", join.Message);
    }

    [Fact]
    public void Devices_parse_and_print()
    {
        Assert.Equal(ComputeDevice.Cpu, ComputeDevice.Parse("cpu"));
        Assert.Equal(ComputeDevice.Cuda(0), ComputeDevice.Parse("cuda"));
        Assert.Equal(ComputeDevice.Cuda(3), ComputeDevice.Parse(" CUDA:3 "));
        Assert.True(ComputeDevice.Parse("cuda:1").IsCuda);
        Assert.False(ComputeDevice.Cpu.IsCuda);
        Assert.Equal("cuda:1", ComputeDevice.Cuda(1).ToString());
        Assert.Equal("cpu", ComputeDevice.Cpu.ToString());
        Assert.Contains("use cpu, cuda or cuda:N", Assert.Throws<FormatException>(() => ComputeDevice.Parse("gpu")).Message);
        Assert.Throws<FormatException>(() => ComputeDevice.Parse("cuda:-1"));
        Assert.Throws<FormatException>(() => ComputeDevice.Parse("cuda:"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ComputeDevice.Cuda(-1));
    }

    [SkippableFact]
    public void Devices_convert_to_torch_devices_and_back()
    {
        TorchCollection.RequireLibTorch();

        Assert.Equal(DeviceType.CPU, ComputeDevice.Cpu.ToTorch().type);
        Assert.Equal(ComputeDevice.Cpu, ComputeDevice.Of(CPU));
        // Made directly: torch.device(CUDA) would initialise CUDA, which fails where there is none.
        Assert.Equal(ComputeDevice.Cuda(2), ComputeDevice.Of(new torch.Device(DeviceType.CUDA, 2)));
        Assert.Equal(ComputeDevice.Cuda(0), ComputeDevice.Of(new torch.Device(DeviceType.CUDA)));
    }

    [Fact]
    public void A_libstdcxx_older_than_gcc_13_is_named_with_the_fix_and_other_failures_keep_their_own_reason()
    {
        using var folder = new TempDirectory();
        var old = Path.Combine(folder.Path, "old-libstdc++.so.6");
        var recent = Path.Combine(folder.Path, "recent-libstdc++.so.6");
        File.WriteAllBytes(old, "GLIBCXX_3.4.29\0GLIBCXX_3.4.30\0"u8.ToArray());
        File.WriteAllBytes(recent, "GLIBCXX_3.4.30\0GLIBCXX_3.4.32\0"u8.ToArray());
        var failure = new TypeInitializationException("TorchSharp.torch", new DllNotFoundException("libLibTorchSharp.so: version missing\nmore"));

        var tooOld = TorchRuntime.Explain(failure, old);
        var otherwise = TorchRuntime.Explain(failure, recent);

        Assert.Contains("GCC 13 or newer (GLIBCXX_3.4.32)", tooOld);
        Assert.Contains(old, tooOld);
        Assert.Contains("build/LibTorchSharp.targets", tooOld);
        Assert.Equal("TorchSharp could not load libtorch: libLibTorchSharp.so: version missing", otherwise);
        Assert.Equal(otherwise, TorchRuntime.Explain(failure, null));
    }
}
