using Recsys.Model.Data;
using Recsys.Model.Text;

namespace Recsys.Model.Checkpoints;

/// <summary>A Hugging Face BERT checkpoint directory: <c>config.json</c>, <c>vocab.txt</c>, optionally
/// <c>tokenizer_config.json</c>, and the weights in <c>model.safetensors</c>.</summary>
public sealed class BertCheckpoint
{
    public const string WeightsFileName = "model.safetensors";

    /// <summary>How many names of one kind an error lists before it only counts the rest.</summary>
    private const int NamesListed = 20;

    public required BertConfig Config { get; init; }

    public required BertTokenizer Tokenizer { get; init; }

    /// <summary>Every weight of <see cref="BertParameterNames.Expected"/>, by its <c>BertModel</c> name, in that order.</summary>
    public required IReadOnlyDictionary<string, CheckpointTensor> Weights { get; init; }

    /// <summary>The checkpoint's names that a <c>BertModel</c> does not use: the <c>position_ids</c> buffer, and
    /// the task head's weights in a checkpoint whose encoder weights carry the <c>bert.</c> prefix.</summary>
    public required IReadOnlyList<string> IgnoredNames { get; init; }

    public bool HasPooler => Weights.ContainsKey(BertParameterNames.PoolerPrefix + "dense.weight");

    /// <param name="requirePooler">Whether a checkpoint without the pooler's weights is an error.</param>
    /// <exception cref="DataFormatException">A file is malformed, or the weights do not match the config: lists
    /// the missing, unexpected and wrongly shaped weights.</exception>
    /// <exception cref="FileNotFoundException">A required file is missing; says when the weights are in a format
    /// this reader does not take.</exception>
    public static BertCheckpoint Load(string directory, bool requirePooler = true)
    {
        var config = BertConfig.Load(Path.Combine(directory, BertConfig.FileName));
        var tokenizer = BertTokenizer.Load(directory);
        CheckVocabularySize(Path.Combine(directory, WordPieceVocabulary.FileName), tokenizer.Vocabulary, config);
        using var weights = SafeTensorsFile.Open(FindWeights(directory));
        var names = MapNames(weights);
        var hasPooler = names.Keys.Any(name => name.StartsWith(BertParameterNames.PoolerPrefix, StringComparison.Ordinal));
        var expected = BertParameterNames.Expected(config, includePooler: requirePooler || hasPooler);
        var used = names.Values.ToHashSet(StringComparer.Ordinal);
        CheckNames(weights, config, expected, names);
        return new BertCheckpoint
        {
            Config = config,
            Tokenizer = tokenizer,
            Weights = expected.ToDictionary(
                parameter => parameter.Name,
                parameter => new CheckpointTensor(parameter.Shape, weights.ReadFloats(names[parameter.Name])),
                StringComparer.Ordinal),
            IgnoredNames = weights.Entries.Select(entry => entry.Name).Where(name => !used.Contains(name)).ToList(),
        };
    }

    /// <summary>Writes the <c>config.json</c>, <c>vocab.txt</c> and <c>tokenizer_config.json</c> of a checkpoint
    /// of our own, creating the directory; the weights are written by the model.</summary>
    /// <exception cref="ArgumentException">The config is invalid or has fewer rows than the vocabulary has tokens.</exception>
    public static void WriteMetadata(string directory, BertConfig config, BertTokenizer tokenizer)
    {
        if (tokenizer.Vocabulary.Count > config.VocabSize)
        {
            throw new ArgumentException(
                $"the vocabulary has {tokenizer.Vocabulary.Count} tokens, more than vocab_size {config.VocabSize}");
        }

        Directory.CreateDirectory(directory);
        config.Save(Path.Combine(directory, BertConfig.FileName));
        tokenizer.Vocabulary.Save(Path.Combine(directory, WordPieceVocabulary.FileName));
        tokenizer.Options.Save(Path.Combine(directory, BertTokenizerOptions.FileName));
    }

    private static void CheckVocabularySize(string path, WordPieceVocabulary vocabulary, BertConfig config)
    {
        if (vocabulary.Count > config.VocabSize)
        {
            throw new DataFormatException(path, null,
                $"{vocabulary.Count} tokens, more than the config's vocab_size {config.VocabSize}");
        }
    }

    private static string FindWeights(string directory)
    {
        var path = Path.Combine(directory, WeightsFileName);
        if (File.Exists(path))
        {
            return path;
        }

        var reason = File.Exists(Path.Combine(directory, WeightsFileName + ".index.json"))
            ? "; the checkpoint is sharded, which is not supported: save it with a larger max_shard_size"
            : File.Exists(Path.Combine(directory, "pytorch_model.bin"))
                ? "; the checkpoint has pytorch_model.bin: save it again with safe_serialization=True"
                : "";
        throw new FileNotFoundException($"{path} was not found{reason}", path);
    }

    /// <returns>The checkpoint's name of each weight it holds for the model, by the model's name.</returns>
    private static Dictionary<string, string> MapNames(SafeTensorsFile weights)
    {
        var isTaskModel = weights.Entries.Any(entry => entry.Name.StartsWith(BertParameterNames.ModelPrefix, StringComparison.Ordinal));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in weights.Entries)
        {
            var name = BertParameterNames.Normalize(entry.Name);
            var isIgnored = name == BertParameterNames.PositionIdsBuffer
                || (isTaskModel && !entry.Name.StartsWith(BertParameterNames.ModelPrefix, StringComparison.Ordinal));
            if (!isIgnored && !names.TryAdd(name, entry.Name))
            {
                throw new DataFormatException(weights.Path, null,
                    $"'{names[name]}' and '{entry.Name}' are both the weight '{name}'");
            }
        }

        return names;
    }

    private static void CheckNames(SafeTensorsFile weights, BertConfig config, IReadOnlyList<BertParameter> expected,
        Dictionary<string, string> names)
    {
        var expectedNames = expected.Select(parameter => parameter.Name).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(parameter => !names.ContainsKey(parameter.Name)).Select(parameter => parameter.Name);
        var unexpected = names.Where(pair => !expectedNames.Contains(pair.Key)).Select(pair => pair.Value);
        var wrongShape = expected
            .Where(parameter => names.ContainsKey(parameter.Name))
            .Select(parameter => (Expected: parameter, Entry: weights.GetEntry(names[parameter.Name])))
            .Where(pair => !pair.Entry.Shape.SequenceEqual(pair.Expected.Shape))
            .Select(pair => $"{pair.Entry.Name} is {pair.Entry.ShapeText}, expected [{string.Join(", ", pair.Expected.Shape)}]");
        var problems = new List<string>();
        void Report(string kind, IEnumerable<string> found)
        {
            var list = found.ToList();
            if (list.Count > 0)
            {
                problems.Add($"{kind}: {List(list)}");
            }
        }

        Report("missing", missing);
        Report("unexpected", unexpected);
        Report("wrong shape", wrongShape);
        if (problems.Count > 0)
        {
            throw new DataFormatException(weights.Path, null,
                $"the weights do not match a BERT model with {config.NumHiddenLayers} layers, hidden size "
                + $"{config.HiddenSize} and vocab_size {config.VocabSize}; {string.Join("; ", problems)}");
        }
    }

    private static string List(List<string> names) => names.Count <= NamesListed
        ? string.Join(", ", names)
        : $"{string.Join(", ", names.Take(NamesListed))} and {names.Count - NamesListed} more";
}
