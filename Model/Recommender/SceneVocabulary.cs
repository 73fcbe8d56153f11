using System.Text.Json.Serialization;
using Recsys.Model.Evaluation;

namespace Recsys.Model.Recommender;

/// <summary>The scene of a query as embedding rows: hour of day, day of week, country, device and promotion.
/// </summary>
/// <param name="Hour">0–23, of the query's UTC time.</param>
/// <param name="DayOfWeek">0 (Sunday) – 6.</param>
/// <param name="Country">Row of the country; <see cref="SceneVocabulary.Unknown"/> when missing or unseen.</param>
/// <param name="Device">Row of the device class; <see cref="SceneVocabulary.Unknown"/> when missing or unseen.
/// </param>
/// <param name="Promotion">0 when the data does not say, 1 without a promotion, 2 with one.</param>
/// <param name="AnnualPhase">The time of year as an angle, 2π · (day of year) / 365.25: its sine and cosine let a
/// model place a date it never saw (October) between dates it did (August, December), which a week-of-year
/// table cannot do with less than a year of data.</param>
public readonly record struct Scene(int Hour, int DayOfWeek, int Country, int Device, int Promotion, double AnnualPhase)
{
    public const int Hours = 24;
    public const int DaysOfWeek = 7;
    public const int PromotionStates = 3;
}

/// <summary>Numbers the countries and devices seen in training (row 0 is the unknown one) and turns a query
/// into a <see cref="Scene"/>. Part of a checkpoint, so that a loaded model numbers scenes as in training.
/// </summary>
public sealed class SceneVocabulary
{
    public const int Unknown = EmbeddingRows.Unknown;

    private readonly Dictionary<string, int> countryRows;
    private readonly Dictionary<string, int> deviceRows;

    [JsonConstructor]
    public SceneVocabulary(IReadOnlyList<string> countries, IReadOnlyList<string> devices)
    {
        Countries = countries;
        Devices = devices;
        countryRows = EmbeddingRows.Of(countries);
        deviceRows = EmbeddingRows.Of(devices);
    }

    /// <summary>Row i + 1 is <c>Countries[i]</c>.</summary>
    public IReadOnlyList<string> Countries { get; }

    /// <summary>Row i + 1 is <c>Devices[i]</c>.</summary>
    public IReadOnlyList<string> Devices { get; }

    [JsonIgnore]
    public int CountryRows => Countries.Count + 1;

    [JsonIgnore]
    public int DeviceRows => Devices.Count + 1;

    /// <summary>The countries and devices of the queries, in ordinal order.</summary>
    public static SceneVocabulary Of(IEnumerable<RecommendationQuery> queries)
    {
        var countries = new SortedSet<string>(StringComparer.Ordinal);
        var devices = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            if (query.Country is { } country)
            {
                countries.Add(country);
            }

            if (query.Device is { } device)
            {
                devices.Add(device);
            }
        }

        return new SceneVocabulary([.. countries], [.. devices]);
    }

    public Scene Encode(RecommendationQuery query)
    {
        var time = query.Time.UtcDateTime;
        return new Scene(time.Hour, (int)time.DayOfWeek, EmbeddingRows.Row(countryRows, query.Country),
            EmbeddingRows.Row(deviceRows, query.Device),
            query.OnPromotion switch { null => 0, false => 1, true => 2 }, 2 * Math.PI * (time.DayOfYear - 1) / 365.25);
    }
}
