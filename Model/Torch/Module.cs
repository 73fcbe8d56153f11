namespace Recsys.Model.Torch;

/// <summary>A network part that owns parameters and child modules, registered under names that make the dotted
/// names of <see cref="NamedParameters"/> ("encoder.layer.0.attention.self.query.weight"), the keys of
/// <see cref="StateDict"/>. Subclasses register everything in their constructor and compute with
/// <see cref="Functional"/> ops in their own Forward method. Disposing a module disposes its parameters and
/// children.</summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Parameter Parameter)> parameters = [];
    private readonly List<(string Name, Module Module)> children = [];
    private bool disposed;

    /// <summary>Training mode (dropout active) or evaluation mode; see <see cref="Train"/> and <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Every parameter of this module and its descendants, with its dotted name, in registration order.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        foreach (var (prefix, module) in NamedModules())
        {
            foreach (var (name, parameter) in module.parameters)
            {
                yield return (Qualified(prefix, name), parameter);
            }
        }
    }

    public IEnumerable<Parameter> Parameters() => NamedParameters().Select(named => named.Parameter);

    /// <summary>This module (named "") and every descendant, with its dotted name, parents first.</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules()
    {
        yield return ("", this);
        foreach (var (childName, child) in children)
        {
            foreach (var (name, module) in child.NamedModules())
            {
                yield return (Qualified(childName, name), module);
            }
        }
    }

    /// <summary>The parameters registered by this module itself, not by its children.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> OwnParameters() => parameters;

    /// <summary>Sets training mode (or evaluation mode) on this module and its descendants.</summary>
    public void Train(bool training = true)
    {
        foreach (var (_, module) in NamedModules())
        {
            module.IsTraining = training;
        }
    }

    public void Eval() => Train(false);

    /// <summary>The parameters by dotted name. The tensors are the live parameters, not copies: do not dispose them.</summary>
    public Dictionary<string, Tensor> StateDict() => NamedParameters().ToDictionary(named => named.Name, named => (Tensor)named.Parameter);

    /// <summary>Copies values into the parameters of the same names (converting dtype and device). Strict: every
    /// parameter must get a value and every value must name a parameter. Shapes must match. Returns the
    /// parameter names that got no value and the names that matched no parameter.</summary>
    public (IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected) LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var named = NamedParameters().ToDictionary(entry => entry.Name, entry => entry.Parameter);
        var missing = named.Keys.Where(name => !state.ContainsKey(name)).ToList();
        var unexpected = state.Keys.Where(name => !named.ContainsKey(name)).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0))
        {
            throw new TorchException($"the state does not fit {GetType().Name}: missing {Listed(missing)}; unexpected {Listed(unexpected)}");
        }

        foreach (var (name, parameter) in named)
        {
            if (state.TryGetValue(name, out var value))
            {
                var (expected, given) = (parameter.Shape, value.Shape);
                if (!expected.SequenceEqual(given))
                {
                    throw new TorchException($"{name}: the state holds shape [{string.Join(", ", given)}] but the parameter has [{string.Join(", ", expected)}]");
                }

                parameter.CopyFrom(value);
            }
        }

        return (missing, unexpected);
    }

    /// <summary>Moves every parameter to <paramref name="device"/>; references to the parameters stay valid.
    /// Move a module before creating its optimizer.</summary>
    public void To(Device device) => Convert(parameter => parameter.To(device));

    /// <summary>Converts every parameter to the floating-point <paramref name="dtype"/> (float16 or bfloat16 for GPU
    /// compute, float64 for gradient checks).</summary>
    public void To(DType dtype) => Convert(parameter => dtype.IsFloatingPoint()
        ? parameter.To(dtype)
        : throw new ArgumentException($"parameters hold floating-point values, not {dtype}", nameof(dtype)));

    /// <summary>Drops the gradients of all parameters.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters())
        {
            parameter.ClearGrad();
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var (_, parameter) in parameters)
        {
            parameter.Dispose();
        }

        foreach (var (_, child) in children)
        {
            child.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected Parameter RegisterParameter(string name, Parameter parameter)
    {
        RequireNewName(name);
        parameters.Add((name, parameter));
        return parameter;
    }

    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        RequireNewName(name);
        children.Add((name, module));
        return module;
    }

    private static string Qualified(string prefix, string name) => prefix.Length == 0 ? name : name.Length == 0 ? prefix : $"{prefix}.{name}";

    private static string Listed(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    private void Convert(Func<Parameter, Tensor> converted)
    {
        using var noGrad = LibTorch.NoGrad();
        using var scope = LibTorch.NewDisposeScope();
        foreach (var parameter in Parameters())
        {
            parameter.SetData(converted(parameter));
        }
    }

    private void RequireNewName(string name)
    {
        if (name.Length == 0 || name.Contains('.'))
        {
            throw new ArgumentException($"'{name}' is not a module or parameter name: names are non-empty and have no dots", nameof(name));
        }

        if (parameters.Any(entry => entry.Name == name) || children.Any(entry => entry.Name == name))
        {
            throw new ArgumentException($"{GetType().Name} already has a parameter or module named '{name}'", nameof(name));
        }
    }
}
