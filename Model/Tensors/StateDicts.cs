using static TorchSharp.torch;

namespace Recsys.Model.Tensors;

/// <summary>Loading named values into a module's parameters with the checks TorchSharp's <c>load_state_dict</c>
/// lacks: it names the missing and unexpected keys (TorchSharp only says they differ) and refuses a value of another
/// shape (TorchSharp's copy would broadcast it silently).</summary>
public static class StateDicts
{
    /// <summary>Copies values into the parameters of the same names, converting dtype and device. Strict: every
    /// parameter must get a value and every value must name a parameter.</summary>
    /// <returns>The parameter names that got no value, and the names that matched no parameter.</returns>
    /// <exception cref="InvalidOperationException">Strict and a name is missing or unexpected, or a shape differs.</exception>
    public static (IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected) Load(nn.Module module,
        IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var named = module.named_parameters().ToDictionary(entry => entry.name, entry => entry.parameter);
        var missing = named.Keys.Where(name => !state.ContainsKey(name)).ToList();
        var unexpected = state.Keys.Where(name => !named.ContainsKey(name)).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0))
        {
            throw new InvalidOperationException(
                $"the state does not fit {module.GetType().Name}: missing {Listed(missing)}; unexpected {Listed(unexpected)}");
        }

        using var noGrad = no_grad();
        foreach (var (name, parameter) in named)
        {
            if (state.TryGetValue(name, out var value))
            {
                if (!parameter.shape.SequenceEqual(value.shape))
                {
                    throw new InvalidOperationException(
                        $"{name}: the state holds shape [{string.Join(", ", value.shape)}] but the parameter has [{string.Join(", ", parameter.shape)}]");
                }

                parameter.copy_(value);
            }
        }

        return (missing, unexpected);
    }

    private static string Listed(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
