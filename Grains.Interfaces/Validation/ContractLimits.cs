namespace Recsys.Grains.Interfaces.Validation;

/// <summary>Bounds on what the service accepts, shared by the gateway, the client and the grains.</summary>
public static class ContractLimits
{
    public const int MaxIdLength = 128;

    /// <summary>The characters of every id (user, item, event, basket, promotion), as error messages name them: those a
    /// URL path segment carries unescaped, so that any id accepted in a body can be read and erased by its path.</summary>
    public const string IdAlphabet = "A-Z a-z 0-9 . _ ~ : @ -";
    public const int MaxTitleLength = 512;
    public const int MaxDescriptionLength = 8192;
    public const int MaxLabelLength = 64;
    public const int MaxPromotions = 32;
    public const int MaxQuantity = 1_000_000;
    public const int MaxExcludedItems = 1000;

    /// <summary>Items one affinity question may name (<see cref="IUserGrain.Affinities"/>).</summary>
    public const int MaxAffinityItems = 1000;

    /// <summary>Events stamped further into the future than this (by the server's clock) are refused.</summary>
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>Nothing in this service happened before this.</summary>
    public static readonly DateTimeOffset EarliestTimestamp = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
