using Recsys.Model.Torch;
using Recsys.Model.Torch.Optim;
using Xunit.Abstractions;

namespace Recsys.Model.Tests.Torch;

/// <summary>Dispose scopes, handle counting and a long training loop that must not leak handles.</summary>
[Collection(TorchCollection.Name)]
public sealed class TensorLifetimeTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void A_dispose_scope_frees_what_was_made_inside_it()
    {
        var before = TorchCollection.StartCountingTensors();
        Tensor made;
        using (var scope = LibTorch.NewDisposeScope())
        {
            made = LibTorch.Ones([3]) * 2 + 1;
            Assert.Equal(before + 3, Tensor.LiveCount);
            Assert.Equal(3, scope.Count);
        }

        Assert.True(made.IsDisposed);
        Assert.Equal(before, Tensor.LiveCount);
        Assert.Throws<ObjectDisposedException>(() => made.Shape);
    }

    [SkippableFact]
    public void Moved_tensors_outlive_their_scope_and_belong_to_the_outer_one()
    {
        var before = TorchCollection.StartCountingTensors();
        Tensor kept;
        using (LibTorch.NewDisposeScope())
        {
            using (LibTorch.NewDisposeScope())
            {
                kept = (LibTorch.Ones([2]) * 5).MoveToOuterScope();
            }

            Assert.False(kept.IsDisposed);
            Assert.Equal([5f, 5f], kept.ToArray<float>());
        }

        Assert.True(kept.IsDisposed);
        Assert.Equal(before, Tensor.LiveCount);
    }

    [SkippableFact]
    public void Detached_tensors_are_left_to_the_caller()
    {
        var before = TorchCollection.StartCountingTensors();
        Tensor detached;
        using (LibTorch.NewDisposeScope())
        {
            detached = LibTorch.Zeros([4]).DetachFromDisposeScope();
        }

        Assert.False(detached.IsDisposed);
        detached.Dispose();
        detached.Dispose();
        Assert.Equal(before, Tensor.LiveCount);
    }

    [SkippableFact]
    public void Tensors_made_outside_any_scope_are_freed_by_the_finalizer()
    {
        var before = TorchCollection.StartCountingTensors();

        MakeUnreachableTensors(100);
        TorchCollection.CollectGarbage();

        Assert.Equal(before, Tensor.LiveCount);
    }

    [SkippableFact]
    public void The_peak_counter_remembers_the_highest_live_count()
    {
        var before = TorchCollection.StartCountingTensors();
        Tensor.ResetPeakLiveCount();
        using (LibTorch.NewDisposeScope())
        {
            for (var i = 0; i < 10; i++)
            {
                LibTorch.Zeros([1]);
            }
        }

        Assert.Equal(before + 10, Tensor.PeakLiveCount);
        Assert.Equal(before, Tensor.LiveCount);
    }

    [SkippableFact]
    public void Ten_thousand_training_steps_leak_no_handles()
    {
        var liveAtStart = TorchCollection.StartCountingTensors();

        var (firstLoss, lastLoss, elapsed) = Train(Device.Cpu, steps: 10_000);

        output.WriteLine($"10,000 CPU steps in {elapsed.TotalSeconds:F1} s; loss {firstLoss:F3} -> {lastLoss:F3}; at most {Tensor.PeakLiveCount} live tensors");
        Assert.Equal(liveAtStart, Tensor.LiveCount);
        Assert.True(lastLoss < firstLoss / 2, $"the loss went from {firstLoss} to {lastLoss}: the model did not learn the sequences");
    }

    [SkippableFact]
    public void The_same_training_runs_on_cuda()
    {
        var liveAtStart = TorchCollection.StartCountingTensors();
        Skip.IfNot(LibTorch.CudaIsAvailable, $"CUDA is not available to libtorch {LibTorch.Version} here");

        var (firstLoss, lastLoss, elapsed) = Train(Device.Cuda(0), steps: 2_000);

        output.WriteLine($"2,000 cuda:0 steps in {elapsed.TotalSeconds:F1} s; loss {firstLoss:F3} -> {lastLoss:F3}");
        Assert.Equal(liveAtStart, Tensor.LiveCount);
        Assert.True(lastLoss < firstLoss / 2, $"the loss went from {firstLoss} to {lastLoss}: the model did not learn the sequences");
    }

    /// <summary>Trains <see cref="TinySequenceRecommender"/> on sequences where item i is followed by item i + 1,
    /// checking every 1,000 steps that each step's dispose scope freed all it made.</summary>
    private static (double FirstLoss, double LastLoss, TimeSpan Elapsed) Train(Device device, int steps)
    {
        const long itemCount = 40, length = 6, batch = 8;
        LibTorch.ManualSeed(3);
        double firstLoss = 0, lastLoss = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var model = new TinySequenceRecommender(itemCount, length, dimension: 16);
        model.To(device);
        using var optimizer = new AdamW(model, weightDecay: 0.01, new AdamWOptions { LearningRate = 3e-3 });
        var liveWithModel = Tensor.LiveCount;
        Tensor.ResetPeakLiveCount();
        for (var step = 0; step < steps; step++)
        {
            using var scope = LibTorch.NewDisposeScope();
            var starts = LibTorch.RandInt(1, itemCount - length - 1, [batch, 1], device: device);
            var sequences = starts + LibTorch.Arange(0, length, device: device);
            var negatives = LibTorch.RandInt(1, itemCount, [batch, length], device: device);

            var loss = model.Loss(sequences, sequences + 1, negatives);
            optimizer.ZeroGrad();
            loss.Backward();
            GradientClipping.ClipByGlobalNorm(model.Parameters(), maxNorm: 1.0);
            optimizer.Step();

            if (step == 0)
            {
                firstLoss = loss.Item<float>();
            }

            if (step % 1000 == 999)
            {
                lastLoss = loss.Item<float>();
                scope.Dispose();
                Assert.Equal(liveWithModel, Tensor.LiveCount);
            }
        }

        return (firstLoss, lastLoss, started.Elapsed);
    }

    private static void MakeUnreachableTensors(int count)
    {
        for (var i = 0; i < count; i++)
        {
            LibTorch.Ones([8]);
        }
    }
}
