using Recsys.Model.Torch.Interop;

namespace Recsys.Model.Torch.Optim;

/// <summary>Hyper-parameters of <see cref="AdamW"/> shared by all groups; PyTorch's defaults.</summary>
public sealed class AdamWOptions
{
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decay of the running mean of the gradients.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay of the running mean of the squared gradients.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Added to the root of the second moment, against division by zero.</summary>
    public double Epsilon { get; init; } = 1e-8;
}

/// <summary>Parameters updated with one weight decay.</summary>
public sealed record ParameterGroup(IReadOnlyList<Parameter> Parameters, double WeightDecay)
{
    /// <summary>The usual grouping for transformers: every weight decays by <paramref name="weightDecay"/> except
    /// biases and the parameters of LayerNorm modules, which do not decay. Empty groups are left out.</summary>
    public static IReadOnlyList<ParameterGroup> WithWeightDecay(Module module, double weightDecay)
    {
        var decayed = new List<Parameter>();
        var notDecayed = new List<Parameter>();
        foreach (var (_, owner) in module.NamedModules())
        {
            foreach (var (name, parameter) in owner.OwnParameters())
            {
                (owner is Modules.LayerNorm || name == "bias" ? notDecayed : decayed).Add(parameter);
            }
        }

        return new[] { new ParameterGroup(decayed, weightDecay), new ParameterGroup(notDecayed, 0) }
            .Where(group => group.Parameters.Count > 0)
            .ToList();
    }
}

/// <summary>Adam with decoupled weight decay (Loshchilov and Hutter), run by libtorch's torch::optim::AdamW so
/// that a step is one native call whatever the number of parameters. Each step:
/// p ← p − lr·wd·p; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − lr·(m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε).
/// Parameters without a gradient are skipped.</summary>
public sealed unsafe class AdamW : IDisposable
{
    private nint handle;
    private double learningRate;

    public AdamW(IEnumerable<ParameterGroup> groups, AdamWOptions? options = null)
    {
        Groups = groups.ToList();
        var settings = options ?? new AdamWOptions();
        var parameters = Groups.SelectMany(group => group.Parameters).ToArray();
        var handles = parameters.Select(parameter => parameter.Handle).ToArray();
        var groupOfParameter = Groups.SelectMany((group, index) => group.Parameters.Select(_ => index)).ToArray();
        var weightDecay = Groups.Select(group => group.WeightDecay).ToArray();
        fixed (nint* parameterHandles = handles)
        fixed (int* groupIndices = groupOfParameter)
        fixed (double* decays = weightDecay)
        {
            handle = NativeMethods.Check(NativeMethods.rt_optim_adamw_new(parameterHandles, groupIndices, handles.Length, decays, weightDecay.Length,
                settings.LearningRate, settings.Beta1, settings.Beta2, settings.Epsilon));
        }

        GC.KeepAlive(parameters);
        learningRate = settings.LearningRate;
    }

    /// <summary>Decays all weights of <paramref name="module"/> but biases and LayerNorm parameters
    /// (<see cref="ParameterGroup.WithWeightDecay"/>).</summary>
    public AdamW(Module module, double weightDecay, AdamWOptions? options = null)
        : this(ParameterGroup.WithWeightDecay(module, weightDecay), options)
    {
    }

    ~AdamW() => Free();

    public IReadOnlyList<ParameterGroup> Groups { get; }

    /// <summary>The learning rate of every group; set it before a step to follow a schedule (warm-up, decay).</summary>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            NativeMethods.Check(NativeMethods.rt_optim_adamw_set_learning_rate(Handle, value));
            learningRate = value;
        }
    }

    /// <summary>Updates every parameter that has a gradient.</summary>
    public void Step() => NativeMethods.Check(NativeMethods.rt_optim_adamw_step(Handle));

    /// <summary>Drops the gradients of all parameters.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Groups.SelectMany(group => group.Parameters))
        {
            parameter.ClearGrad();
        }
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private nint Handle => handle != 0 ? handle : throw new ObjectDisposedException(nameof(AdamW));

    private void Free()
    {
        var freed = Interlocked.Exchange(ref handle, 0);
        if (freed != 0)
        {
            NativeMethods.rt_optim_adamw_free(freed);
        }
    }
}
