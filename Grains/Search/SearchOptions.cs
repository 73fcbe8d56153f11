using Recsys.Grains.Hosting;

namespace Recsys.Grains.Search;

/// <summary>Settings of search and similar items (configuration section "Recsys:Search").</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Recsys:Search";

    /// <summary>Shards of the catalog that every silo's search index follows (fixed once data is stored).</summary>
    public int CatalogShards { get; set; } = 8;

    /// <summary>Entries per answer of a catalog shard to a silo's index: some 35 MB with the longest descriptions
    /// allowed (8,192 characters), well under Orleans' largest message; a few hundred KB for titles alone.</summary>
    public int CatalogPageSize { get; set; } = 2_000;

    /// <summary>How often a silo's index asks the catalog shards for changes, at most: an upserted item is found
    /// within this long.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Weight of the user's own affinity (0–1, relative to their strongest among the matches) beside the keyword
    /// match (0–1, relative to the best match) when a search names a user.</summary>
    public double PersonalWeight { get; set; } = 0.5;

    /// <summary>Weight of the served model's semantic matches beside the keyword matches (weight 1) in a hybrid search's
    /// rank fusion.</summary>
    public double SemanticWeight { get; set; } = 0.5;

    /// <summary>Keyword matches re-ranked for a user: the best this many, whatever the count asked.</summary>
    public int PersonalCandidates { get; set; } = 50;

    public void Validate()
    {
        Require(CatalogShards is >= 1 and <= 1024, nameof(CatalogShards), "between 1 and 1024");
        Require(CatalogPageSize is >= 1 and <= 100_000, nameof(CatalogPageSize), "between 1 and 100000");
        Require(RefreshInterval >= TimeSpan.Zero && RefreshInterval <= TimeSpan.FromHours(1), nameof(RefreshInterval), "between 0 and 1 hour");
        Require(double.IsFinite(PersonalWeight) && PersonalWeight >= 0, nameof(PersonalWeight), "a finite number, zero or more");
        Require(double.IsFinite(SemanticWeight) && SemanticWeight >= 0, nameof(SemanticWeight), "a finite number, zero or more");
        Require(PersonalCandidates is >= 1 and <= 1000, nameof(PersonalCandidates), "between 1 and 1000");
    }

    private static void Require(bool condition, string name, string rule) => OptionRule.Require(condition, SectionName, name, rule);
}
