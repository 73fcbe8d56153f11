namespace Recsys.Grains.Interfaces;

/// <summary>One user (key: user id): live behaviour history, scene and recommendations.</summary>
[Alias("recsys.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Journals the events (all of this user) durably, then applies them to the history;
    /// event ids already seen are dropped as duplicates. Every event is validated first: one invalid
    /// event refuses the whole call and nothing is stored.</summary>
    /// <exception cref="Validation.ContractViolationException">An event breaks the contract or names another user.</exception>
    [Alias("Track")]
    Task<TrackResult> Track([Immutable] IReadOnlyList<UserEvent> events);

    /// <exception cref="Validation.ContractViolationException">The request breaks the contract.</exception>
    [Alias("Recommend")]
    Task<RecommendationList> Recommend([Immutable] RecommendationRequest request);

    /// <summary>What a served model reads of the user for <paramref name="request"/>: its moment and scene, and the
    /// user's recent baskets (up to the last five) from <paramref name="since"/> on.</summary>
    /// <exception cref="Validation.ContractViolationException">The request breaks the contract.</exception>
    [Alias("ModelContext")]
    Task<UserModelContext> ModelContext([Immutable] RecommendationRequest request, DateTimeOffset since);

    /// <summary>Of <paramref name="itemIds"/>, those the user is drawn to (own purchases, items bought with those of
    /// their recent baskets, recent views), with how strongly; the others are left out.</summary>
    [Alias("Affinities")]
    Task<IReadOnlyDictionary<string, PersonalAffinity>> Affinities([Immutable] IReadOnlyList<string> itemIds, DateTimeOffset at);

    [Alias("Profile")]
    Task<UserProfile> Profile();

    /// <summary>Erases everything stored about this user.</summary>
    [Alias("Forget")]
    Task Forget();
}
