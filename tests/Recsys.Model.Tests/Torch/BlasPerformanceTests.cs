using System.Diagnostics;
using System.Text.RegularExpressions;
using Recsys.Model.Torch;
using Xunit.Abstractions;

namespace Recsys.Model.Tests.Torch;

/// <summary>libtorch must multiply matrices with an optimised BLAS: Debian's reference BLAS is ~16x slower
/// than OpenBLAS, which the libopenblas0-pthread package puts in its place.</summary>
[Collection(TorchCollection.Name)]
public sealed class BlasPerformanceTests(ITestOutputHelper output)
{
    private const string ReferenceBlasPath = "/usr/lib/x86_64-linux-gnu/blas/libblas.so";

    [SkippableFact]
    public void Matmul_runs_on_an_optimised_blas()
    {
        TorchCollection.RequireLibTorch();
        var blas = Regex.Match(LibTorch.BuildConfig, @"BLAS_INFO=\w+").Value;
        var loadedBlas = File.Exists("/proc/self/maps")
            ? File.ReadLines("/proc/self/maps").Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(""))
                .Where(path => path.Contains("blas", StringComparison.OrdinalIgnoreCase)).Distinct().ToList()
            : [];

        output.WriteLine($"libtorch {LibTorch.Version}, {blas}, {LibTorch.NumThreads} threads; BLAS libraries loaded: {string.Join(", ", loadedBlas)}");
        foreach (var size in new[] { 256, 512 })
        {
            output.WriteLine($"{size}x{size} float32 matmul: {MatmulGigaflops(size):F1} GFLOP/s");
        }

        Assert.DoesNotContain(loadedBlas, path => path.StartsWith(ReferenceBlasPath, StringComparison.Ordinal));
    }

    private static double MatmulGigaflops(int size)
    {
        using var scope = LibTorch.NewDisposeScope();
        var left = LibTorch.Randn([size, size]);
        var right = LibTorch.Randn([size, size]);
        left.MatMul(right).Dispose();
        var repetitions = 0;
        var timer = Stopwatch.StartNew();
        while (timer.Elapsed < TimeSpan.FromSeconds(0.5))
        {
            left.MatMul(right).Dispose();
            repetitions++;
        }

        return 2.0 * size * size * size * repetitions / timer.Elapsed.TotalSeconds / 1e9;
    }
}
