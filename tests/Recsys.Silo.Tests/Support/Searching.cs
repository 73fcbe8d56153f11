using Recsys.Client;

namespace Recsys.Silo.Tests.Support;

internal static class Searching
{
    /// <summary>A silo's index follows the catalog within a second: asks until the answer has what is expected (or 20 s
    /// have passed, and the caller's assertions say what is missing).</summary>
    public static async Task<SearchResults> SearchUntil(this IRecsysClient client, SearchRequest request, Func<SearchResults, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var results = await client.Search(request);
            if (done(results) || DateTime.UtcNow > deadline)
            {
                return results;
            }
            await Task.Delay(100);
        }
    }
}
