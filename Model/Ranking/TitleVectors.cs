namespace Recsys.Model.Ranking;

/// <summary>Items as L2-normalised tf-idf vectors of the words of their titles, so a customer's taste can
/// be matched with items they never bought ("LUNCH BAG" buyers look at new lunch bag designs). The idf is
/// over the items of the history.</summary>
internal sealed class TitleVectors
{
    /// <summary>Words shorter than this ("OF", "IN", sizes) say little about an item.</summary>
    private const int MinimumWordLength = 3;

    private readonly int[][] words;
    private readonly float[][] weights;

    private TitleVectors(int[][] words, float[][] weights, int wordCount, int neighbourCount)
    {
        this.words = words;
        this.weights = weights;
        Neighbourhood = BuildNeighbourhood(wordCount, neighbourCount);
    }

    /// <summary>Each item's most similar items by title cosine.</summary>
    public ItemNeighbourhood Neighbourhood { get; }

    public static TitleVectors Empty(int itemCount) =>
        new(Enumerable.Repeat(Array.Empty<int>(), itemCount).ToArray(),
            Enumerable.Repeat(Array.Empty<float>(), itemCount).ToArray(), 0, 0);

    /// <param name="titleOf">Title of an item id; missing for an item without one.</param>
    /// <param name="neighbourCount">Neighbours kept per item in <see cref="Neighbourhood"/>.</param>
    public static TitleVectors Build(Vocabulary items, IReadOnlyDictionary<string, string> titleOf, int neighbourCount)
    {
        var vocabulary = new Vocabulary();
        var words = new int[items.Count][];
        for (var item = 0; item < items.Count; item++)
        {
            words[item] = titleOf.TryGetValue(items.IdOf(item), out var title)
                ? Words(title).Select(vocabulary.Intern).Distinct().ToArray()
                : [];
        }

        var itemsWithWord = new int[vocabulary.Count];
        foreach (var itemWords in words)
        {
            foreach (var word in itemWords)
            {
                itemsWithWord[word]++;
            }
        }

        var weights = Array.ConvertAll(words, itemWords =>
        {
            var raw = Array.ConvertAll(itemWords, word => Math.Log((double)items.Count / (1 + itemsWithWord[word])));
            var norm = Math.Sqrt(raw.Sum(weight => weight * weight));
            return Array.ConvertAll(raw, weight => norm > 0 ? (float)(weight / norm) : 0f);
        });
        return new TitleVectors(words, weights, vocabulary.Count, neighbourCount);
    }

    private ItemNeighbourhood BuildNeighbourhood(int wordCount, int neighbourCount)
    {
        var itemsWithWord = new List<(int Item, float Weight)>[wordCount];
        for (var word = 0; word < wordCount; word++)
        {
            itemsWithWord[word] = [];
        }

        for (var item = 0; item < words.Length; item++)
        {
            for (var w = 0; w < words[item].Length; w++)
            {
                itemsWithWord[words[item][w]].Add((item, weights[item][w]));
            }
        }

        return new ItemNeighbourhood(words.Length, neighbourCount, (item, similarities, touched) =>
        {
            for (var w = 0; w < words[item].Length; w++)
            {
                foreach (var (other, weight) in itemsWithWord[words[item][w]])
                {
                    similarities[other] += weights[item][w] * weight;
                    touched.Add(other);
                }
            }
        });
    }

    /// <summary>Upper-cased runs of letters of at least <see cref="MinimumWordLength"/> characters.</summary>
    public static IEnumerable<string> Words(string title)
    {
        var start = -1;
        for (var i = 0; i <= title.Length; i++)
        {
            var isLetter = i < title.Length && char.IsLetter(title[i]);
            if (isLetter && start < 0)
            {
                start = i;
            }
            else if (!isLetter && start >= 0)
            {
                if (i - start >= MinimumWordLength)
                {
                    yield return title[start..i].ToUpperInvariant();
                }

                start = -1;
            }
        }
    }

    /// <summary>Σ weight · vector(item) over the weighted items, L2-normalised: a taste in word space.</summary>
    public Dictionary<int, double> Profile(IEnumerable<(int Item, double Weight)> weightedItems)
    {
        var profile = new Dictionary<int, double>();
        foreach (var (item, weight) in weightedItems)
        {
            for (var w = 0; w < words[item].Length; w++)
            {
                profile[words[item][w]] = profile.GetValueOrDefault(words[item][w]) + weight * weights[item][w];
            }
        }

        var norm = Math.Sqrt(profile.Values.Sum(value => value * value));
        return norm > 0 ? profile.ToDictionary(pair => pair.Key, pair => pair.Value / norm) : [];
    }

    /// <summary>Cosine between a <see cref="Profile"/> and an item's vector; 0 for an item without words.</summary>
    public double Affinity(Dictionary<int, double> profile, int item)
    {
        var affinity = 0.0;
        for (var w = 0; w < words[item].Length; w++)
        {
            affinity += profile.GetValueOrDefault(words[item][w]) * weights[item][w];
        }

        return affinity;
    }
}
