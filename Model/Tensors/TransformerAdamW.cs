using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Tensors;

/// <summary>TorchSharp's AdamW (decoupled weight decay, PyTorch's update) with the usual grouping for transformers:
/// every weight decays by the given rate except biases and the parameters of LayerNorm modules, which do not.</summary>
public static class TransformerAdamW
{
    /// <param name="learningRate">The starting rate of every group; a schedule sets <see cref="SetLearningRate"/>.</param>
    /// <param name="except">A part of <paramref name="module"/> this optimiser leaves alone (trained in another stage).</param>
    public static optim.Optimizer Create(nn.Module module, double learningRate, double weightDecay,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, nn.Module? except = null)
    {
        // By reference: a tensor's Equals compares values.
        var left = new HashSet<Parameter>(except?.parameters() ?? [], ReferenceEqualityComparer.Instance);
        var decayed = new List<Parameter>();
        var notDecayed = new List<Parameter>();
        foreach (var owner in module.modules().Prepend(module))
        {
            foreach (var (name, parameter) in owner.named_parameters(recurse: false).Where(named => !left.Contains(named.parameter)))
            {
                (owner is LayerNorm || name == "bias" ? notDecayed : decayed).Add(parameter);
            }
        }

        var groups = new[]
            {
                new AdamW.ParamGroup(decayed, learningRate, beta1, beta2, epsilon, weightDecay),
                new AdamW.ParamGroup(notDecayed, learningRate, beta1, beta2, epsilon, 0),
            }
            .Where(group => group.Parameters.Any());
        return optim.AdamW(groups, learningRate, beta1, beta2, epsilon);
    }

    public static void SetLearningRate(optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }
}
