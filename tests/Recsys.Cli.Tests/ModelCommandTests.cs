using System.Text.Json;
using Recsys.Model.Tensors;

namespace Recsys.Cli.Tests;

/// <summary><c>recsys train</c> and <c>recsys eval</c> end to end on a small synthetic shop, and their errors.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ModelCommandTests
{
    private const string Cutoff = "2011-05-01";

    private static readonly string[] Baselines = ["POP", "POP-COUNTRY", "REPEAT", "ITEMKNN", "REPEAT+KNN"];

    [SkippableFact]
    public async Task Train_writes_a_checkpoint_that_eval_scores_against_every_baseline()
    {
        Skip.IfNot(TorchRuntime.IsAvailable, TorchRuntime.UnavailableReason);
        using var temp = new TempFolder();
        SyntheticRetailCsv.Write(temp.File("csv"));

        var (trainExit, trainOutput) = await CommandLine.Run("train", "--data", temp.File("csv"), "--cutoff", Cutoff,
            "--out", temp.File("model"), "--epochs", "1", "--seed", "3");
        var (evalExit, evalOutput) = await CommandLine.Run("eval", "--data", temp.File("csv"), "--cutoff", Cutoff,
            "--model", temp.File("model"), "--json", temp.File("out/eval.json"));

        Assert.True(trainExit == 0, trainOutput);
        Assert.Contains("parameters", trainOutput);
        foreach (var file in new[] { "config.json", "vocab.txt", "model.safetensors", "feature_pipeline.json" })
        {
            Assert.True(File.Exists(Path.Combine(temp.File("model"), file)), file);
        }

        Assert.True(evalExit == 0, evalOutput);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("out/eval.json")));
        var methods = json.RootElement.GetProperty("methods").EnumerateArray().ToList();
        Assert.Equal([.. Baselines, "SEQ-REC", "SEQ-REC-PROB"], methods.Select(method => method.GetProperty("name").GetString()));
        foreach (var method in methods)
        {
            foreach (var metric in new[] { "hr@10", "recall@10", "ndcg@10", "new_recall@10" })
            {
                Assert.InRange(method.GetProperty(metric).GetDouble(), 0, 1);
            }
        }

        Assert.True(json.RootElement.GetProperty("counts").GetProperty("testCases").GetInt32() > 0);
        Assert.Contains(json.RootElement.GetProperty("wallTimes").EnumerateArray(),
            timing => timing.GetProperty("stage").GetString() == "total");
        Assert.All([.. Baselines, "SEQ-REC", "NDCG@10", "NewRecall@10"], text => Assert.Contains(text, evalOutput));
    }

    [SkippableFact]
    public async Task Eval_without_a_model_trains_one_on_the_projects_event_files()
    {
        Skip.IfNot(TorchRuntime.IsAvailable, TorchRuntime.UnavailableReason);
        using var temp = new TempFolder();
        SyntheticRetailCsv.Write(temp.File("csv"));
        Assert.Equal(0, (await CommandLine.Run("import", "online-retail", "--data", temp.File("csv"), "--out", temp.File("events"))).ExitCode);

        var (exitCode, output) = await CommandLine.Run("eval", "--data", temp.File("events"), "--cutoff", Cutoff,
            "--json", temp.File("eval.json"), "--epochs", "1");

        Assert.True(exitCode == 0, output);
        Assert.Contains("events.ndjson.gz", output);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("eval.json")));
        Assert.Contains(json.RootElement.GetProperty("wallTimes").EnumerateArray(),
            timing => timing.GetProperty("stage").GetString() == "fit sequence recommender");
    }

    [SkippableFact]
    public async Task A_pretrained_text_encoder_feeds_the_recommenders_training()
    {
        Skip.IfNot(TorchRuntime.IsAvailable, TorchRuntime.UnavailableReason);
        using var temp = new TempFolder();
        SyntheticRetailCsv.Write(temp.File("csv"));

        var (pretrainExit, pretrainOutput) = await CommandLine.Run("pretrain-text", "--data", temp.File("csv"), "--out", temp.File("bert"),
            "--epochs", "2", "--seed", "5");
        var (trainExit, trainOutput) = await CommandLine.Run("train", "--data", temp.File("csv"), "--cutoff", Cutoff,
            "--out", temp.File("model"), "--epochs", "1", "--text-encoder", temp.File("bert"));

        Assert.True(pretrainExit == 0, pretrainOutput);
        Assert.Contains("masked LM loss", pretrainOutput);
        foreach (var file in new[] { "config.json", "vocab.txt", "tokenizer_config.json", "model.safetensors" })
        {
            Assert.True(File.Exists(Path.Combine(temp.File("bert"), file)), file);
        }
        Assert.True(trainExit == 0, trainOutput);
    }

    [Fact]
    public async Task Pretraining_refuses_zero_epochs()
    {
        var (exitCode, output) = await CommandLine.Run("pretrain-text", "--data", "x", "--out", "y", "--epochs", "0");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--epochs must be at least 1", output);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("eval")]
    public async Task A_missing_data_folder_is_named(string command)
    {
        using var temp = new TempFolder();

        var (exitCode, output) = await Run(command, temp, "--data", temp.File("nowhere"), "--cutoff", Cutoff);

        Assert.Equal(2, exitCode);
        Assert.Contains("No such folder", output);
        Assert.Contains("nowhere", output);
    }

    [Theory]
    [InlineData("train", "--cutoff", "next tuesday", "is not a date")]
    [InlineData("eval", "--cutoff", "2011-13-01", "is not a date")]
    [InlineData("train", "--device", "tpu", "is not a device")]
    [InlineData("train", "--epochs", "0", "--epochs must be at least 1")]
    public async Task Unparseable_options_are_refused_before_any_work(string command, string option, string value,
        string message)
    {
        using var temp = new TempFolder();
        string[] arguments = ["--data", temp.Path, "--cutoff", Cutoff];
        var index = Array.IndexOf(arguments, option);
        arguments = index >= 0 ? arguments.Select((a, i) => i == index + 1 ? value : a).ToArray() : [.. arguments, option, value];

        var (exitCode, output) = await Run(command, temp, arguments);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output);
    }

    [Fact]
    public async Task A_folder_without_data_says_so()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("empty"));

        var (exitCode, output) = await CommandLine.Run("eval", "--data", temp.File("empty"), "--cutoff", Cutoff,
            "--json", temp.File("eval.json"));

        Assert.Equal(2, exitCode);
        Assert.Contains("no CSV files", output);
    }

    [Fact]
    public async Task A_cutoff_without_test_cases_is_refused_before_training()
    {
        using var temp = new TempFolder();
        SyntheticRetailCsv.Write(temp.File("csv"));

        var (exitCode, output) = await CommandLine.Run("eval", "--data", temp.File("csv"), "--cutoff", "2012-01-01",
            "--json", temp.File("eval.json"));

        Assert.Equal(2, exitCode);
        Assert.Contains("no test case", output);
        Assert.False(File.Exists(temp.File("eval.json")));
    }

    [Fact]
    public async Task A_model_directory_without_its_files_names_them()
    {
        using var temp = new TempFolder();
        SyntheticRetailCsv.Write(temp.File("csv"));
        Directory.CreateDirectory(temp.File("model"));
        File.WriteAllText(Path.Combine(temp.File("model"), "config.json"), "{}");

        var (exitCode, output) = await CommandLine.Run("eval", "--data", temp.File("csv"), "--cutoff", Cutoff,
            "--model", temp.File("model"), "--json", temp.File("eval.json"));

        Assert.Equal(2, exitCode);
        Assert.Contains("lacks vocab.txt", output);
        Assert.Contains("model.safetensors", output);
    }

    [SkippableFact]
    public async Task Asking_for_cuda_without_it_is_a_clear_error()
    {
        Skip.IfNot(TorchRuntime.IsAvailable, TorchRuntime.UnavailableReason);
        Skip.If(TorchRuntime.CudaDeviceCount > 0, "this machine has CUDA");
        using var temp = new TempFolder();
        SyntheticRetailCsv.Write(temp.File("csv"));

        var (exitCode, output) = await CommandLine.Run("train", "--data", temp.File("csv"), "--cutoff", Cutoff,
            "--out", temp.File("model"), "--device", "cuda:0");

        Assert.Equal(2, exitCode);
        Assert.Contains("CUDA is not available", output);
    }

    private static Task<(int ExitCode, string Output)> Run(string command, TempFolder temp, params string[] arguments) =>
        CommandLine.Run([command, .. arguments, .. command == "train" ? new[] { "--out", temp.File("model") } : ["--json", temp.File("eval.json")]]);
}
