namespace Recsys.Model.Torch;

/// <summary>Frees, when disposed, every tensor made on this thread while it was the innermost open scope,
/// except those moved out with <see cref="Tensor.MoveToOuterScope"/> or
/// <see cref="Tensor.DetachFromDisposeScope"/>. Open one with <see cref="LibTorch.NewDisposeScope"/> around each
/// step of a loop so that intermediate tensors do not wait for the garbage collector. Scopes are per thread:
/// do not keep one open across an await.</summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? current;

    private readonly List<Tensor> tensors = [];
    private bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    /// <summary>The scope that was innermost when this one opened.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>Tensors this scope will free.</summary>
    public int Count => tensors.Count(tensor => tensor.OwningScope == this && !tensor.IsDisposed);

    internal static DisposeScope? Current => current;

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (current == this)
        {
            current = Outer;
        }

        // The list also holds tensors that moved out since; only those still owned here are freed.
        foreach (var tensor in tensors)
        {
            if (tensor.OwningScope == this)
            {
                tensor.OwningScope = null;
                tensor.Dispose();
            }
        }

        tensors.Clear();
    }

    /// <summary>Takes ownership of <paramref name="tensor"/>; a scope already disposed (closed out of order)
    /// leaves it to its caller.</summary>
    internal void Adopt(Tensor tensor)
    {
        tensor.OwningScope = disposed ? null : this;
        if (!disposed)
        {
            tensors.Add(tensor);
        }
    }
}
