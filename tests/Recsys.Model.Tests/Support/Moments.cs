namespace Recsys.Model.Tests.Support;

/// <summary>Fixed moments the tests build their timelines from.</summary>
internal static class Moments
{
    public static readonly DateTimeOffset NewYear2011 = new(2011, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The dev split's cutoff, a midnight.</summary>
    public static readonly DateTimeOffset September2011 = new(2011, 9, 1, 0, 0, 0, TimeSpan.Zero);
}
