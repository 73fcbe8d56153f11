using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Recsys.Model.Recommender;
using Recsys.Model.Tests.Support;
using Recsys.Model.Tests.Tensors;

namespace Recsys.Model.Tests.Recommender;

/// <summary>scripts/gpu/check_checkpoint.py reads a checkpoint as a PyTorch user would (here, without torch, by the
/// Python standard library): our safetensors files must pass an independent reader of the format.</summary>
[Collection(TorchCollection.Name)]
public sealed class CheckpointReaderScriptTests
{
    private const string ScriptPath = "scripts/gpu/check_checkpoint.py";

    [SkippableFact]
    public void A_saved_checkpoint_passes_the_independent_reader_with_its_parameter_count()
    {
        using var temp = new TempDirectory();
        var parameterCount = SaveTinyCheckpoint(temp.Path);

        var (exitCode, output) = RunScript(temp.Path);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"{parameterCount.ToString("N0", CultureInfo.InvariantCulture)} values, all finite", output);
    }

    [SkippableFact]
    public void A_truncated_weights_file_is_refused_with_the_reason()
    {
        using var temp = new TempDirectory();
        SaveTinyCheckpoint(temp.Path);
        var weights = Path.Combine(temp.Path, RecommenderCheckpoint.WeightsFileName);
        using (var file = File.Open(weights, FileMode.Open))
        {
            file.SetLength(file.Length - 4);
        }

        var (exitCode, output) = RunScript(temp.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("bytes of a", output);
    }

    /// <summary>Trains the tiny recommender, saves it to <paramref name="directory"/> and returns its parameter count.
    /// </summary>
    private static long SaveTinyCheckpoint(string directory)
    {
        TorchCollection.RequireLibTorch();
        using var trained = TinyRecommender.Train();
        RecommenderCheckpoint.Save(trained, directory);
        return trained.ParameterCount;
    }

    private static (int ExitCode, string Output) RunScript(string modelDirectory)
    {
        var script = FindScript();
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(modelDirectory);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new SkipException("python3 is not installed here");
        }

        using (process)
        {
            var standardError = process.StandardError.ReadToEndAsync();
            var standardOutput = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, standardOutput + standardError.Result);
        }
    }

    /// <summary>The script above the test binaries or, when they are built outside the repository (an artifacts
    /// path elsewhere), above this source file.</summary>
    private static string FindScript([CallerFilePath] string sourceFile = "")
    {
        string[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? ""];
        foreach (var start in starts.Where(System.IO.Directory.Exists))
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, ScriptPath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{ScriptPath} was not found above {string.Join(" or ", starts)}");
    }
}
