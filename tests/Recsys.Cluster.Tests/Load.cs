using System.Collections.Concurrent;
using System.Diagnostics;
using Recsys.Client;
using Recsys.Grains.Interfaces;

namespace Recsys.Cluster.Tests;

/// <summary>What a fault run measured: requests and their failures (after the client's retries), the time until
/// every user was served again, and acknowledged events the cluster no longer knows.</summary>
/// <param name="Recovery">Null where the run does not measure it (a graceful restart strands nobody).</param>
internal sealed record FaultReport(string Run, long Requests, long Failed, TimeSpan Duration, TimeSpan? Recovery, int Acknowledged, int Lost)
{
    public double FailedPercent => Requests == 0 ? 0 : 100.0 * Failed / Requests;

    public override string ToString() =>
        $"{Run}: {Requests} requests in {Duration.TotalSeconds:0} s ({Requests / Duration.TotalSeconds:0}/s), {Failed} failed ({FailedPercent:0.00} %)"
        + (Recovery is { } recovery ? $", every user served again {recovery.TotalSeconds:0.0} s after the fault" : "")
        + $", {Acknowledged} events acknowledged, {Lost} lost";
}

/// <summary>Mixed load on a cluster: events into one gateway, recommendations through another, each request
/// counted; every acknowledged event remembered so that none can go missing unseen.</summary>
internal sealed class Load(IRecsysClient ingest, IRecsysClient recommend, IReadOnlyList<string> users)
{
    private static readonly DateTimeOffset Start = new(2011, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<string, ConcurrentBag<UserEvent>> _acknowledged = new(StringComparer.Ordinal);
    private long _requests;
    private long _failed;
    private long _nextEvent;

    public long Requests => Interlocked.Read(ref _requests);

    public long Failed => Interlocked.Read(ref _failed);

    public int Acknowledged => _acknowledged.Values.Sum(bag => bag.Count);

    /// <summary>Sends events (2 streams) and asks for recommendations (4 streams) until <paramref name="stop"/> is cancelled.</summary>
    public Task Run(CancellationToken stop) => Task.WhenAll(Ingest(stop), Ingest(stop), Recommend(stop), Recommend(stop), Recommend(stop), Recommend(stop));

    /// <summary>Sends every acknowledged event again: each one the cluster still holds comes back as a duplicate.</summary>
    /// <returns>Acknowledged events the cluster no longer knows.</returns>
    public async Task<int> Lost(IRecsysClient client)
    {
        var all = _acknowledged.Values.SelectMany(bag => bag).ToList();
        var again = await client.Track(all);
        return all.Count - again.Duplicates;
    }

    private async Task Ingest(CancellationToken stop)
    {
        var random = new Random(Environment.CurrentManagedThreadId);
        while (!stop.IsCancellationRequested)
        {
            var batch = Enumerable.Range(0, 50).Select(_ =>
            {
                var number = Interlocked.Increment(ref _nextEvent);
                var user = users[random.Next(users.Count)];
                return new UserEvent
                {
                    EventId = $"fault-{number}",
                    UserId = user,
                    ItemId = $"item-{random.Next(200)}",
                    Type = number % 3 == 0 ? EventType.Purchase : EventType.View,
                    BasketId = $"basket-{number / 4}",
                    Timestamp = Start.AddSeconds(number),
                    Location = "France",
                };
            }).ToList();
            if (await Counted(() => ingest.Track(batch)))
            {
                foreach (var userEvent in batch)
                {
                    _acknowledged.GetOrAdd(userEvent.UserId, _ => []).Add(userEvent);
                }
            }
        }
    }

    private async Task Recommend(CancellationToken stop)
    {
        var random = new Random(Environment.CurrentManagedThreadId + 1);
        var request = new RecommendationRequest { Count = 10, At = Start.AddDays(1) };
        while (!stop.IsCancellationRequested)
        {
            await Counted(() => recommend.Recommend(users[random.Next(users.Count)], request));
        }
    }

    private async Task<bool> Counted<T>(Func<Task<T>> request)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            await request();
            return true;
        }
        catch (RecsysClientException)
        {
            Interlocked.Increment(ref _failed);
            return false;
        }
    }

    /// <summary>Asks for every user's profile, without retries, until one whole sweep succeeds.</summary>
    /// <returns>When that sweep ended, measured from <paramref name="since"/>; null when none did within <paramref name="limit"/>.</returns>
    public static async Task<TimeSpan?> UntilEveryUserIsServed(IRecsysClient probe, IReadOnlyList<string> users, Stopwatch since, TimeSpan limit)
    {
        while (since.Elapsed < limit)
        {
            var answers = await Task.WhenAll(users.Select(async user =>
            {
                try
                {
                    await probe.Profile(user);
                    return true;
                }
                catch (RecsysClientException)
                {
                    return false;
                }
            }));
            if (answers.All(served => served))
            {
                return since.Elapsed;
            }
            await Task.Delay(100);
        }
        return null;
    }
}
