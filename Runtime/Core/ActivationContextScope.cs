namespace Recsys.Runtime.Core;

/// <summary>Hands the activation being constructed to the <see cref="Grain"/> base constructor, so
/// grain constructors keep to dependency-injected parameters only.</summary>
internal static class ActivationContextScope
{
    [ThreadStatic]
    private static IActivationContext? _current;

    public static IActivationContext? Current => _current;

    public static T Construct<T>(IActivationContext context, Func<T> constructor)
    {
        var previous = _current;
        _current = context;
        try
        {
            return constructor();
        }
        finally
        {
            _current = previous;
        }
    }
}
