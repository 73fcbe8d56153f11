using TorchSharp;
using TorchSharp.Modules;

namespace Recsys.Model.Tensors;

/// <summary>A TorchSharp module whose parts are registered by the names checkpoints use (Hugging Face's
/// "attention.self.query", "LayerNorm"), explicitly, in its constructor. TorchSharp would otherwise also register
/// every module, parameter and tensor field under its field name, which for auto-properties is a compiler name:
/// checkpoints would get each parameter twice.</summary>
public abstract class ExplicitModule(string name) : torch.nn.Module(name)
{
    protected override void RegisterComponents()
    {
    }

    // TorchSharp puts the parameters of native modules (Embedding) and of `new Parameter(tensor)` on the dispose
    // scope open when they are made, which would free them under a module built inside one: a module owns them.
    protected T Register<T>(string name, T module) where T : torch.nn.Module
    {
        register_module(name, module);
        foreach (var parameter in module.parameters())
        {
            parameter.DetachFromDisposeScope();
        }

        return module;
    }

    protected Parameter Register(string name, Parameter parameter)
    {
        register_parameter(name, parameter);
        parameter.DetachFromDisposeScope();
        return parameter;
    }
}
