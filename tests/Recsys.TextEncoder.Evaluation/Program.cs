using System.Diagnostics;
using System.Globalization;
using Recsys.Grains.Interfaces;
using Recsys.Model;
using Recsys.Model.Data;
using Recsys.Model.Encoders;
using Recsys.Model.Text;
using Recsys.Model.Tensors;

// Pre-trains the catalog text encoder on the Online Retail catalog and measures it: the measurement behind the
// numbers of Model/Encoders/README.md. Usage:
//   dotnet run -c Release --project tests/Recsys.TextEncoder.Evaluation -- [--data DIR | --catalog FILE]
//       [--from HF_CHECKPOINT_DIR] [--epochs N] [--batch-size N] [--learning-rate X] [--seed N] [--threads N] [--out DIR] [--device cpu|cuda]
// Every tenth item of the catalog is held out of training to measure the masked-LM loss and accuracy
// on text the model has not seen.
var arguments = args.Select((value, index) => (value, index)).Where(pair => pair.value.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(pair => pair.value[2..], pair => pair.index + 1 < args.Length ? args[pair.index + 1] : "");
string Argument(string name, string fallback) => arguments.GetValueOrDefault(name, fallback);
var device = ComputeDevice.Parse(Argument("device", "cpu"));

var clock = Stopwatch.StartNew();
IReadOnlyList<ItemInfo> catalog = arguments.TryGetValue("catalog", out var catalogFile)
    ? ProjectFiles.ReadCatalog(catalogFile).ToList()
    : OnlineRetailReader.Read([Argument("data", "/work/shared/data/online-retail/by-day")]).Catalog;
Console.WriteLine($"catalog: {catalog.Count:N0} items, read in {clock.Elapsed.TotalSeconds:0.0} s");

var texts = catalog.Select(item => ItemText.Of(item, includeDescription: true)).ToList();
var heldOut = catalog.Select((_, index) => index % 10 == 0).ToList();
var trainTexts = texts.Where((_, index) => !heldOut[index]).ToList();
var testTexts = texts.Where((_, index) => heldOut[index]).ToList();
var defaults = new MaskedLanguageModelTrainingOptions();
var training = defaults with
{
    Epochs = int.Parse(Argument("epochs", defaults.Epochs.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
    BatchSize = int.Parse(Argument("batch-size", defaults.BatchSize.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
    Threads = int.Parse(Argument("threads", defaults.Threads.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
    Seed = int.Parse(Argument("seed", defaults.Seed.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
    LearningRate = double.Parse(Argument("learning-rate", arguments.ContainsKey("from") ? "5e-5" : "1e-3"), CultureInfo.InvariantCulture),
};

var lastLine = TimeSpan.Zero;
var trainingClock = Stopwatch.StartNew();
var progress = new ConsoleProgress(report =>
{
    if (trainingClock.Elapsed - lastLine < TimeSpan.FromSeconds(5) && report.Step != report.Steps)
    {
        return;
    }

    lastLine = trainingClock.Elapsed;
    var remaining = trainingClock.Elapsed * ((double)(report.Steps - report.Step) / report.Step);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  epoch {report.Epoch}/{report.Epochs} step {report.Step}/{report.Steps} loss {report.Loss:0.000} ETA {remaining.TotalSeconds:0} s"));
});
using var pretrained = arguments.TryGetValue("from", out var checkpoint)
    ? TextEncoderPretraining.FineTune(checkpoint, trainTexts, training, device, progress)
    : TextEncoderPretraining.FromScratch(trainTexts, training: training, device: device, progress: progress);
var config = pretrained.Encoder.Config;
var parameterCount = pretrained.Model.parameters().Sum(parameter => parameter.numel());
Console.WriteLine($"model: vocabulary {pretrained.Tokenizer.Vocabulary.Count:N0}, hidden {config.HiddenSize}, {config.NumHiddenLayers} layers, "
    + $"{config.NumAttentionHeads} heads, intermediate {config.IntermediateSize}, {parameterCount:N0} parameters");
var epochLosses = string.Join(" ", pretrained.Report.EpochLosses
    .Where((_, epoch) => epoch % 5 == 0 || epoch == pretrained.Report.EpochLosses.Count - 1)
    .Select(loss => loss.ToString("0.00", CultureInfo.InvariantCulture)));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"pre-training: {pretrained.Report.Texts:N0} texts, {pretrained.Report.Steps:N0} steps in {pretrained.Report.Elapsed.TotalSeconds:0.0} s ({pretrained.Report.Elapsed.TotalMilliseconds / pretrained.Report.Steps:0.0} ms a step), epoch losses {epochLosses}"));

foreach (var (name, split) in new[] { ("train", trainTexts), ("held out", testTexts) })
{
    var evaluation = MaskedLanguageModelTrainer.Evaluate(pretrained.Model, pretrained.Tokenizer, split, training);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"masked LM on {name} ({split.Count:N0} texts, {evaluation.PredictedTokens:N0} tokens): loss {evaluation.Loss:0.000}, accuracy {evaluation.Accuracy:P1}"));
}

if (arguments.TryGetValue("out", out var output))
{
    pretrained.Save(output);
    Console.WriteLine($"saved to {output}");
}

clock.Restart();
using var tokenized = TokenizedCatalog.Create(catalog, pretrained.Tokenizer, config.MaxPositionEmbeddings, includeDescriptions: true, device);
var embeddings = ItemTextEmbeddings.Embed(pretrained.Encoder, tokenized);
Console.WriteLine($"embedding: {catalog.Count:N0} items in {clock.Elapsed.TotalSeconds:0.00} s (tokenizing included)");

var unit = Normalize(embeddings);
string[] probes =
[
    "WHITE HANGING HEART T-LIGHT HOLDER", "JUMBO BAG RED RETROSPOT", "REGENCY CAKESTAND 3 TIER", "LUNCH BAG PINK POLKADOT",
    "HAND WARMER UNION JACK", "SET OF 3 CAKE TINS PANTRY DESIGN", "ALARM CLOCK BAKELIKE GREEN", "PAPER CHAIN KIT 50'S CHRISTMAS",
];
foreach (var probe in probes)
{
    var index = catalog.Select((item, position) => (item, position)).FirstOrDefault(pair => pair.item.Title == probe).position;
    if (catalog[index].Title != probe)
    {
        continue;
    }

    var neighbours = Enumerable.Range(0, catalog.Count)
        .Where(other => other != index)
        .OrderByDescending(other => Dot(unit, index, other))
        .Take(5)
        .Select(other => string.Create(CultureInfo.InvariantCulture, $"{catalog[other].Title} ({Dot(unit, index, other):0.00})"));
    Console.WriteLine($"{probe}{(heldOut[index] ? " [held out]" : "")}:\n    {string.Join("\n    ", neighbours)}");
}

static float[,] Normalize(float[,] vectors)
{
    var unit = (float[,])vectors.Clone();
    for (var row = 0; row < unit.GetLength(0); row++)
    {
        var norm = Math.Sqrt(Enumerable.Range(0, unit.GetLength(1)).Sum(column => (double)unit[row, column] * unit[row, column]));
        for (var column = 0; column < unit.GetLength(1); column++)
        {
            unit[row, column] /= (float)Math.Max(norm, 1e-12);
        }
    }

    return unit;
}

static double Dot(float[,] unit, int first, int second) =>
    Enumerable.Range(0, unit.GetLength(1)).Sum(column => (double)unit[first, column] * unit[second, column]);

/// <summary>Reports on the training thread, so the lines come in order.</summary>
internal sealed class ConsoleProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
