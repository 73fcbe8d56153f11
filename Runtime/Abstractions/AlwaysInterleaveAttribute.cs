namespace Recsys.Runtime;

/// <summary>Marks an interface method whose calls may interleave with any other call to the
/// activation, even on a non-reentrant grain (read-only queries, for instance).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
