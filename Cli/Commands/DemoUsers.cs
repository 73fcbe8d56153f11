using Recsys.Grains.Interfaces;

namespace Recsys.Cli.Commands;

/// <summary>Users worth showing in the demo, picked from the loaded events: a loyal customer, a light
/// one from abroad, and a first-time visitor with no history at all.</summary>
internal static class DemoUsers
{
    public const string Visitor = "demo-visitor";

    public static IReadOnlyList<(string UserId, string Description)> Pick(IEnumerable<UserEvent> events)
    {
        var baskets = new Dictionary<string, (HashSet<string> Baskets, string? Location)>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.Type == EventType.Purchase))
        {
            if (!baskets.TryGetValue(e.UserId, out var user))
            {
                baskets[e.UserId] = user = (new HashSet<string>(StringComparer.Ordinal), e.Location);
            }
            user.Baskets.Add(e.BasketId ?? e.EventId);
        }
        var ordered = baskets.OrderBy(u => u.Key, StringComparer.Ordinal).ToList();
        List<(string, string)> picked = [];
        var loyal = ordered.Where(u => u.Value.Location == "United Kingdom").MaxBy(u => u.Value.Baskets.Count);
        if (loyal.Key is not null)
        {
            picked.Add((loyal.Key, $"a loyal customer in the United Kingdom ({loyal.Value.Baskets.Count} orders)"));
        }
        var light = ordered.FirstOrDefault(u => u.Value.Location == "France" && u.Value.Baskets.Count is >= 2 and <= 4);
        if (light.Key is not null)
        {
            picked.Add((light.Key, $"an occasional customer in France ({light.Value.Baskets.Count} orders)"));
        }
        picked.Add((Visitor, "a first-time visitor (no history)"));
        return picked;
    }
}
