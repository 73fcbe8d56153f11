using Recsys.Grains.Interfaces;
using Recsys.Grains.Journal;
using Recsys.Runtime;

namespace Recsys.Grains.Users;

// PLACEHOLDER until the next commit: the grain's behaviour lands together with the recommenders.
public sealed class UserGrain : Grain, IUserGrain, IUserEventSink
{
    public Task<TrackResult> Track(IReadOnlyList<UserEvent> events) => throw new NotSupportedException("UserGrain is not implemented yet.");

    public Task<TrackResult> Apply(IReadOnlyList<JournaledEvent> events) => throw new NotSupportedException("UserGrain is not implemented yet.");

    public Task<RecommendationList> Recommend(RecommendationRequest request) => throw new NotSupportedException("UserGrain is not implemented yet.");

    public Task<UserProfile> Profile() => throw new NotSupportedException("UserGrain is not implemented yet.");

    public Task Forget() => throw new NotSupportedException("UserGrain is not implemented yet.");
}
