using Recsys.Runtime;

namespace Recsys.Grains.Interfaces;

/// <summary>One user (key: user id): live behaviour history, scene and recommendations.</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Appends events (all of this user) to the history; duplicate event ids are dropped.</summary>
    Task<TrackResult> Track(IReadOnlyList<UserEvent> events);

    Task<RecommendationList> Recommend(RecommendationRequest request);

    Task<UserProfile> Profile();

    /// <summary>Erases everything stored about this user.</summary>
    Task Forget();
}
