using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Recsys.Grains.Interfaces;
using Recsys.Model.Checkpoints;
using Recsys.Model.Data;
using Recsys.Model.Encoders;
using Recsys.Model.Ranking;
using Recsys.Model.Text;
using Recsys.Model.Tensors;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>A trained recommender as a directory PyTorch and Hugging Face tools can read: <c>config.json</c>
/// (the <see cref="RecommenderConfig"/> with the model type and text tower), <c>vocab.txt</c> and
/// <c>tokenizer_config.json</c> (the title tokenizer), <c>model.safetensors</c> (every weight under its dotted
/// module name; the feature scorer's under "feature_scorer.", a BERT title encoder's under
/// "item_tower.text.bert." with Hugging Face's names after it), <c>feature_pipeline.json</c> (embedding rows,
/// feature standardisation, candidate settings) and, with a BERT title encoder, its <c>text_encoder_config.json</c>.
/// </summary>
public static class RecommenderCheckpoint
{
    public const string ConfigFileName = "config.json";
    public const string WeightsFileName = "model.safetensors";
    public const string PipelineFileName = "feature_pipeline.json";
    public const string ModelType = "recsys-sequence-recommender";
    public const string TextEncoderConfigFileName = "text_encoder_config.json";

    /// <summary>The text towers, as config.json names them.</summary>
    public const string BagOfWordPieces = "bag-of-wordpieces";

    public const string Bert = "bert";

    private const string FeatureScorerPrefix = "feature_scorer.";

    public static IReadOnlyList<string> FileNames { get; } =
        [ConfigFileName, WordPieceVocabulary.FileName, BertTokenizerOptions.FileName, WeightsFileName, PipelineFileName];

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static void Save(TrainedRecommender model, string directory)
    {
        Directory.CreateDirectory(directory);
        var config = JsonSerializer.SerializeToNode(model.Config, JsonOptions)!.AsObject();
        config.Insert(0, "model_type", ModelType);
        config.Insert(1, "text_tower", model.Network.Items.Text is BertTitleTower ? Bert : BagOfWordPieces);
        config["parameter_count"] = model.ParameterCount;
        File.WriteAllText(Path.Combine(directory, ConfigFileName), config.ToJsonString(JsonOptions));
        model.Tokenizer.Vocabulary.Save(Path.Combine(directory, WordPieceVocabulary.FileName));
        model.Tokenizer.Options.Save(Path.Combine(directory, BertTokenizerOptions.FileName));
        if (model.Network.Items.Text is BertTitleTower bert)
        {
            bert.Encoder.Config.Save(Path.Combine(directory, TextEncoderConfigFileName));
        }

        File.WriteAllText(Path.Combine(directory, PipelineFileName),
            JsonSerializer.Serialize(new PipelineFile(model.Pipeline, FeatureScorerItems(model.FeatureScorer)), JsonOptions));
        using var scope = NewDisposeScope();
        var tensors = model.Network.state_dict().ToList();
        foreach (var block in model.FeatureScorer.Blocks)
        {
            tensors.Add(new(FeatureScorerPrefix + block.Name,
                tensor(model.FeatureScorer.Parameters.AsSpan(block.Offset, block.Length).ToArray(), block.Shape)));
        }

        TensorCheckpoint.Save(Path.Combine(directory, WeightsFileName), tensors,
            new Dictionary<string, string> { ["format"] = "pt" });
    }

    /// <summary>Saves the checkpoint with its <see cref="ServingSnapshot"/>: the baskets before
    /// <paramref name="cutoff"/> (the model's training cutoff, or later) and their catalog entries, so that a silo
    /// serves it as <c>recsys eval</c> scores it at that cutoff.</summary>
    public static ServingSnapshot Save(TrainedRecommender model, string directory, IEnumerable<Basket> baskets,
        DateTimeOffset cutoff, IReadOnlyDictionary<string, ItemInfo> catalog)
    {
        Save(model, directory);
        var snapshot = ServingSnapshot.Of(baskets, cutoff, catalog);
        snapshot.Save(directory);
        return snapshot;
    }

    /// <exception cref="FileNotFoundException">The directory or one of its files is missing; names them.</exception>
    /// <exception cref="FormatException">A file does not describe this kind of model.</exception>
    public static TrainedRecommender Load(string directory, ComputeDevice device)
    {
        var missing = FileNames.Where(name => !File.Exists(Path.Combine(directory, name))).ToList();
        if (!Directory.Exists(directory) || missing.Count > 0)
        {
            throw new FileNotFoundException(Directory.Exists(directory)
                ? $"{directory} is not a recommender checkpoint: it lacks {string.Join(", ", missing)}"
                : $"no model directory {directory}");
        }

        var configJson = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, ConfigFileName)))?.AsObject()
                         ?? throw new FormatException($"{ConfigFileName} is not a JSON object");
        var textTower = configJson["text_tower"]?.GetValue<string>();
        if (configJson["model_type"]?.GetValue<string>() != ModelType || textTower is not (BagOfWordPieces or Bert))
        {
            throw new FormatException(
                $"{Path.Combine(directory, ConfigFileName)} describes a {configJson["model_type"]} model with a "
                + $"{textTower} text tower, not a {ModelType} with a {BagOfWordPieces} or {Bert} one");
        }

        if (textTower == Bert && !File.Exists(Path.Combine(directory, TextEncoderConfigFileName)))
        {
            throw new FileNotFoundException(
                $"{directory} is not a recommender checkpoint: it lacks {TextEncoderConfigFileName}, which its BERT title encoder needs");
        }

        var config = configJson.Deserialize<RecommenderConfig>()!;
        var file = JsonSerializer.Deserialize<PipelineFile>(File.ReadAllText(Path.Combine(directory, PipelineFileName)))
                   ?? throw new FormatException($"{PipelineFileName} is empty");
        var pipeline = file.Pipeline;
        var tokenizer = BertTokenizer.Load(directory);
        TorchRuntime.RequireAvailable(device);
        var onDevice = device.ToTorch();
        // Built outside the dispose scope below, which would otherwise free the parameters with the loaded values.
        ItemTextTower text = textTower == Bert
            ? new BertTitleTower(new BertEncoder(BertConfig.Load(Path.Combine(directory, TextEncoderConfigFileName)), onDevice),
                config.Dimension, onDevice)
            : new BagOfWordPiecesTower(tokenizer.Vocabulary.Count, config.Dimension, tokenizer.ClassifierId,
                tokenizer.SeparatorId, onDevice);
        var network = new SequenceRecommender(config, pipeline.Items, pipeline.Scenes, text,
            pipeline.FeatureNames.Count, onDevice);
        try
        {
            using var scope = NewDisposeScope();
            var state = TensorCheckpoint.Load(Path.Combine(directory, WeightsFileName), onDevice);
            var featureScorer = LoadFeatureScorer(config, pipeline, file.FeatureScorerItems, state);
            StateDicts.Load(network, state.Where(named => !named.Key.StartsWith(FeatureScorerPrefix, StringComparison.Ordinal))
                .ToDictionary());
            network.eval();
            return new TrainedRecommender(network, featureScorer, pipeline, tokenizer, device);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>The checkpoint's content hash, "sha256:" and 16 hex digits: SHA-256 over every file of the
    /// directory and its folders (relative path, length and bytes, in ordinal order of path), so two copies of one
    /// checkpoint have one version and any change of weights, pipeline or snapshot makes another.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static string ContentVersion(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"no model directory {directory}");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: Path.GetRelativePath(directory, path).Replace('\\', '/')))
            .OrderBy(file => file.Name, StringComparer.Ordinal);
        foreach (var (path, name) in files)
        {
            var bytes = File.ReadAllBytes(path);
            hash.AppendData(Encoding.UTF8.GetBytes($"{name}\n{bytes.LongLength}\n"));
            hash.AppendData(bytes);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static RankingNetwork LoadFeatureScorer(RecommenderConfig config, FeaturePipeline pipeline,
        IReadOnlyList<string> items, Dictionary<string, Tensor> state)
    {
        var vocabulary = new Vocabulary();
        foreach (var item in items)
        {
            vocabulary.Intern(item);
        }

        var scorer = new RankingNetwork(pipeline.FeatureNames.Count, config.FeatureScorerHiddenUnits,
            pipeline.Standardisation, vocabulary);
        foreach (var block in scorer.Blocks)
        {
            if (!state.TryGetValue(FeatureScorerPrefix + block.Name, out var values) || !values.shape.SequenceEqual(block.Shape)
                || values.dtype != ScalarType.Float32)
            {
                throw new FormatException(
                    $"{WeightsFileName} lacks {FeatureScorerPrefix}{block.Name} of shape [{string.Join(", ", block.Shape)}] in float32");
            }

            using var numbers = values.cpu().contiguous().data<float>();
            numbers.CopyTo(scorer.Parameters, block.Offset);
        }

        return scorer;
    }

    private static string[] FeatureScorerItems(RankingNetwork scorer) =>
        Enumerable.Range(0, scorer.Items.Count).Select(scorer.Items.IdOf).ToArray();

    /// <summary>The contents of <c>feature_pipeline.json</c>.</summary>
    /// <param name="FeatureScorerItems">The items with a learned bias in the feature scorer, in row order.</param>
    private sealed record PipelineFile(
        [property: JsonPropertyName("pipeline")] FeaturePipeline Pipeline,
        [property: JsonPropertyName("feature_scorer_items")] IReadOnlyList<string> FeatureScorerItems);
}
