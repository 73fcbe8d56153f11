using System.CommandLine;
using System.Globalization;
using Recsys.Cli.Terminal;
using Recsys.Model;
using Recsys.Model.Encoders;
using Recsys.Model.Recommender;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary><c>recsys pretrain-text</c>: masked-LM pre-training of the catalog text encoder, from scratch
/// (with a vocabulary learned from the catalog) or continuing a Hugging Face BERT checkpoint. The result is
/// what <c>recsys train --text-encoder</c> reads.</summary>
internal static class PretrainTextCommand
{
    public static Command Create()
    {
        var model = new ModelCommandOptions();
        var output = new Option<string>("--out") { Description = "Checkpoint directory to write (config.json, vocab.txt, model.safetensors).", Required = true };
        var from = new Option<string?>("--from") { Description = "Hugging Face BERT checkpoint directory to fine-tune instead of starting from scratch." };
        var defaults = new MaskedLanguageModelTrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = "Passes over the catalog's texts.", DefaultValueFactory = _ => defaults.Epochs };
        var threads = new Option<int>("--threads")
        {
            Description = "libtorch threads; 1 is as fast for this small model and far faster on a busy machine.",
            DefaultValueFactory = _ => 1,
        };
        ModelCommandOptions.RequireAtLeastOne(epochs);
        ModelCommandOptions.RequireAtLeastOne(threads);
        var command = new Command("pretrain-text", "Pre-train the catalog text encoder (BERT, masked LM) on the item titles and descriptions.")
        {
            model.Data, output, from, epochs, threads, model.Device, model.Seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (await ModelCommandOptions.ReadData(parse.GetRequiredValue(model.Data), cancellationToken) is not { } data)
            {
                return 2;
            }
            var texts = data.Catalog.Values.OrderBy(item => item.Id, StringComparer.Ordinal)
                .Select(item => ItemText.Of(item, includeDescription: true)).ToList();
            if (texts.Count == 0)
            {
                return ModelCommandOptions.Fail(new InvalidOperationException("The data holds no catalog items to learn from."));
            }
            var training = defaults with
            {
                Epochs = parse.GetValue(epochs),
                Threads = parse.GetValue(threads),
                Seed = parse.GetValue(model.Seed),
                // A pre-trained model wants a gentle learning rate; one from scratch a brisk one.
                LearningRate = parse.GetValue(from) is null ? defaults.LearningRate : 5e-5,
            };
            var device = parse.GetRequiredValue(model.Device);
            try
            {
                using var pretrained = await ProgressBar.RunStages((progress, cancel) =>
                {
                    var steps = new Progress<TrainingProgress>(p => progress.Report(new TrainingStageProgress("masked LM", p.Step, p.Steps, p.Loss)));
                    return parse.GetValue(from) is { } checkpoint
                        ? TextEncoderPretraining.FineTune(checkpoint, texts, training, device, steps, cancel)
                        : TextEncoderPretraining.FromScratch(texts, training: training, device: device, progress: steps, cancellationToken: cancel);
                }, cancellationToken);
                var outputDirectory = parse.GetRequiredValue(output);
                pretrained.Save(outputDirectory);
                var evaluation = MaskedLanguageModelTrainer.Evaluate(pretrained.Model, pretrained.Tokenizer, texts, training);
                AnsiConsole.MarkupLineInterpolated(
                    $"{texts.Count:N0} texts, vocabulary {pretrained.Tokenizer.Vocabulary.Count:N0}, {pretrained.Report.Steps:N0} steps in {pretrained.Report.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; masked LM loss {evaluation.Loss.ToString("0.000", CultureInfo.InvariantCulture)}, accuracy {evaluation.Accuracy.ToString("P1", CultureInfo.InvariantCulture)}.");
                AnsiConsole.MarkupLineInterpolated($"Wrote {outputDirectory}.");
                return 0;
            }
            catch (Exception e) when (ModelCommandOptions.IsUserError(e))
            {
                return ModelCommandOptions.Fail(e);
            }
        });
        return command;
    }
}
