using Recsys.Grains.Hosting;

namespace Recsys.Grains.Users;

/// <summary>Settings of <see cref="UserGrain"/> (configuration section "Recsys:Users").</summary>
public sealed class UserGrainOptions
{
    public const string SectionName = "Recsys:Users";

    /// <summary>Events kept per user, newest first; older ones fall off.</summary>
    public int HistoryLength { get; set; } = 200;

    /// <summary>Event ids remembered per user to drop re-sent events (16 to 32 bytes each in memory, 12 stored).
    /// A user past it forgets the oldest days, and events stamped on them are refused as expired.</summary>
    public int DeduplicationCapacity { get; set; } = 100_000;

    /// <summary>How often a changed user state is written to storage (write-behind). Events are
    /// journaled before they are acknowledged, so a crash in between loses nothing.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A user with this many unflushed events is written at once, whatever the interval.</summary>
    public int MaxUnflushedEvents { get; set; } = 500;

    /// <summary>Events stamped further in the future than this (by the silo's clock) are refused.</summary>
    public TimeSpan MaxClockSkew { get; set; } = Interfaces.Validation.ContractLimits.DefaultMaxClockSkew;

    /// <summary>Items kept in the decayed interest profile.</summary>
    public int ProfileItems { get; set; } = 1000;

    public void Validate()
    {
        Require(HistoryLength is >= 1 and <= 100_000, nameof(HistoryLength), "between 1 and 100000");
        Require(DeduplicationCapacity is >= 10 and <= 10_000_000, nameof(DeduplicationCapacity), "between 10 and 10000000");
        Require(FlushInterval > TimeSpan.Zero, nameof(FlushInterval), "positive");
        Require(MaxUnflushedEvents >= 1, nameof(MaxUnflushedEvents), "at least 1");
        Require(ProfileItems >= 1, nameof(ProfileItems), "at least 1");
        Require(MaxClockSkew >= TimeSpan.Zero, nameof(MaxClockSkew), "zero or more");
    }

    private static void Require(bool condition, string name, string rule) => OptionRule.Require(condition, SectionName, name, rule);
}
