using Recsys.Model.Tensors;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Tensors;

/// <summary>Dispose scopes as the model code uses them, and a long training loop that must not leak tensors, counted
/// with <see cref="Tensor.TotalCount"/>.</summary>
[Collection(TorchCollection.Name)]
public sealed class TensorLifetimeTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void A_dispose_scope_frees_what_was_made_inside_it()
    {
        var before = TorchCollection.StartCountingTensors();
        Tensor made;
        using (torch.NewDisposeScope())
        {
            made = ones(3) * 2 + 1;
            Assert.Equal(before + 3, Tensor.TotalCount);
        }

        Assert.True(made.IsInvalid);
        Assert.Equal(before, Tensor.TotalCount);
    }

    [SkippableFact]
    public void Moved_tensors_outlive_their_scope_and_belong_to_the_outer_one()
    {
        var before = TorchCollection.StartCountingTensors();
        Tensor kept;
        using (torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope())
            {
                kept = (ones(2) * 5).MoveToOuterDisposeScope();
            }

            Assert.False(kept.IsInvalid);
            Assert.Equal([5f, 5f], kept.data<float>().ToArray());
        }

        Assert.True(kept.IsInvalid);
        Assert.Equal(before, Tensor.TotalCount);
    }

    [SkippableFact]
    public void Detached_tensors_are_left_to_the_caller()
    {
        var before = TorchCollection.StartCountingTensors();
        Tensor detached;
        using (torch.NewDisposeScope())
        {
            detached = zeros(4).DetachFromDisposeScope();
        }

        Assert.False(detached.IsInvalid);
        detached.Dispose();
        detached.Dispose();
        Assert.Equal(before, Tensor.TotalCount);
    }

    [SkippableFact]
    public void Ten_thousand_training_steps_leak_no_tensors()
    {
        TorchCollection.RequireLibTorch();

        var (firstLoss, lastLoss, elapsed) = Train(ComputeDevice.Cpu, steps: 10_000);

        output.WriteLine($"10,000 CPU steps in {elapsed.TotalSeconds:F1} s; loss {firstLoss:F3} -> {lastLoss:F3}");
        Assert.True(lastLoss < firstLoss / 2, $"the loss went from {firstLoss} to {lastLoss}: the model did not learn the sequences");
    }

    [SkippableFact]
    public void The_same_training_runs_on_cuda()
    {
        TorchCollection.RequireLibTorch();
        Skip.If(TorchRuntime.CudaDeviceCount == 0, $"CUDA is not available to libtorch {torch.__version__} here");

        var (firstLoss, lastLoss, elapsed) = Train(ComputeDevice.Cuda(0), steps: 2_000);

        output.WriteLine($"2,000 cuda:0 steps in {elapsed.TotalSeconds:F1} s; loss {firstLoss:F3} -> {lastLoss:F3}");
        Assert.True(lastLoss < firstLoss / 2, $"the loss went from {firstLoss} to {lastLoss}: the model did not learn the sequences");
    }

    /// <summary>Trains <see cref="TinySequenceRecommender"/> on sequences where item i is followed by item i + 1,
    /// checking every 1,000 steps that each step's dispose scope freed all it made. The count is not compared after
    /// the model is disposed: TorchSharp counts a tensor made into a <see cref="TorchSharp.Modules.Parameter"/> twice
    /// and uncounts it once, so every parameter of a managed layer stays in <see cref="Tensor.TotalCount"/>.</summary>
    private static (double FirstLoss, double LastLoss, TimeSpan Elapsed) Train(ComputeDevice on, int steps)
    {
        const long itemCount = 40, length = 6, batch = 8;
        TorchRuntime.Seed(3);
        var device = on.ToTorch();
        double firstLoss = 0, lastLoss = 0;
        var threads = torch.get_num_threads();
        // Tensors this small cost their dispatch, not arithmetic: more threads only wait on one another.
        torch.set_num_threads(1);
        var started = System.Diagnostics.Stopwatch.StartNew();
        // Made on the device, before the optimizer: moving a module replaces its parameters.
        using var model = new TinySequenceRecommender(itemCount, length, dimension: 16, device);
        using var optimizer = TransformerAdamW.Create(model, learningRate: 3e-3, weightDecay: 0.01);
        var liveWithModel = Tensor.TotalCount;
        try
        {
            for (var step = 0; step < steps; step++)
            {
                using var scope = torch.NewDisposeScope();
                var starts = randint(1, itemCount - length - 1, [batch, 1], device: device);
                var sequences = starts + arange(length, device: device);
                var negatives = randint(1, itemCount, [batch, length], device: device);

                var loss = model.Loss(sequences, sequences + 1, negatives);
                model.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), max_norm: 1.0);
                optimizer.step();

                if (step == 0)
                {
                    firstLoss = loss.item<float>();
                }

                if (step % 1000 == 999)
                {
                    lastLoss = loss.item<float>();
                    scope.Dispose();
                    Assert.Equal(liveWithModel, Tensor.TotalCount);
                }
            }
        }
        finally
        {
            torch.set_num_threads(threads);
        }

        return (firstLoss, lastLoss, started.Elapsed);
    }
}
