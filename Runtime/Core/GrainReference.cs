using System.Reflection;
using Recsys.Runtime.Core;

namespace Recsys.Runtime;

/// <summary>The object behind every grain reference from <see cref="IGrainFactory"/>: a proxy that
/// turns interface calls into requests to the grain's activation.</summary>
public class GrainReference : DispatchProxy
{
    private GrainRuntime? _runtime;

    public GrainId GrainId { get; private set; }

    public override string ToString() => GrainId.ToString();

    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    public override int GetHashCode() => GrainId.GetHashCode();

    internal static TGrainInterface Create<TGrainInterface>(GrainRuntime runtime, GrainId grainId)
    {
        var proxy = Create<TGrainInterface, GrainReference>();
        var reference = (GrainReference)(object)proxy!;
        reference._runtime = runtime;
        reference.GrainId = grainId;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var runtime = _runtime ?? throw new InvalidOperationException("This grain reference is not bound to a runtime.");
        return runtime.Registry.Method(targetMethod).Call(runtime, GrainId, args ?? []);
    }
}

public static class GrainReferenceExtensions
{
    /// <summary>The identity of the grain a reference points to.</summary>
    public static GrainId GetGrainId(this IGrain grain) =>
        grain is GrainReference reference
            ? reference.GrainId
            : throw new ArgumentException("Not a grain reference from IGrainFactory.", nameof(grain));
}
