namespace Recsys.Runtime;

/// <summary>Lets calls to this grain interleave at await points. Turns still run one at a time,
/// so grain code needs no locks, but state may change across an await.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
