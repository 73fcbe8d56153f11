namespace Recsys.Runtime;

/// <summary>The identity of a grain: its type name (the implementation class name without the
/// "Grain" suffix, lower-cased) and its key, rendered as <c>type/key</c>.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";

    public static GrainId Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var slash = value.IndexOf('/');
        if (slash <= 0 || slash == value.Length - 1)
        {
            throw new FormatException($"'{value}' is not a grain id of the form 'type/key'.");
        }
        return new GrainId(value[..slash], value[(slash + 1)..]);
    }
}
