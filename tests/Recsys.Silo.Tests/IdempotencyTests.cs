using Recsys.Model.Data;

namespace Recsys.Silo.Tests;

/// <summary>Re-sending acknowledged events, as a client does after a timeout or an operator replaying a file,
/// applies nothing twice, whatever a user's history length.</summary>
public sealed class IdempotencyTests
{
    [Fact]
    public async Task Sending_the_bundled_sample_twice_applies_every_event_once()
    {
        var events = ProjectFiles.ReadEvents(RepositoryFolder.File("data", "sample", ProjectFiles.EventsFileName)).ToList();
        var perUser = events.GroupBy(e => e.UserId).ToDictionary(user => user.Key, user => user.Count(), StringComparer.Ordinal);
        Assert.True(perUser.Values.Count(count => count > 1000) >= 10, "the sample should hold users with more than 1,000 events");
        await using var silo = await TestSilo.Start();

        var first = await silo.Client.Track(events);
        var before = await Profiles(silo, perUser.Keys);
        var second = await silo.Client.Track(events);
        var after = await Profiles(silo, perUser.Keys);

        Assert.Equal(events.Count, first.Accepted);
        Assert.Equal(new TrackResult { Duplicates = events.Count }, second with { UnknownItems = 0 });
        foreach (var (user, count) in perUser)
        {
            Assert.Equal(count, after[user].DuplicatesDropped - before[user].DuplicatesDropped);
            Assert.Equal(Json(before[user]), Json(after[user] with { DuplicatesDropped = before[user].DuplicatesDropped }));
        }
    }

    private static string Json(UserProfile profile) => System.Text.Json.JsonSerializer.Serialize(profile, RecsysJson.Options);

    private static async Task<Dictionary<string, UserProfile>> Profiles(TestSilo silo, IEnumerable<string> users)
    {
        var profiles = new Dictionary<string, UserProfile>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            profiles[user] = await silo.Client.Profile(user);
        }
        return profiles;
    }
}
