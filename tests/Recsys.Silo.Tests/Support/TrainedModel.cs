using Recsys.Model.Data;
using Recsys.Model.Recommender;
using Recsys.Model.Tensors;

namespace Recsys.Silo.Tests.Support;

/// <summary>A small model (<see cref="RecommenderConfig.Small"/>) trained once for the serving tests on the bundled
/// sample's baskets before <see cref="Cutoff"/> (about 10 s), saved with its serving snapshot as
/// <c>recsys train</c> saves it. Tests skip when libtorch is missing.</summary>
public sealed class TrainedModel : IDisposable
{
    /// <summary>Early in the sample, so that training is quick and most of the sample lies after the snapshot.</summary>
    public static readonly DateTimeOffset Cutoff = new(2011, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lazy<string> directory;
    private readonly Lazy<string> version;
    private readonly TempFolder folder = new();

    public TrainedModel()
    {
        Data = ShopData.Read(RepositoryFolder.File("data", "sample"));
        directory = new Lazy<string>(Train);
        version = new Lazy<string>(() => RecommenderCheckpoint.ContentVersion(Directory));
    }

    public ShopData Data { get; }

    /// <summary>The checkpoint directory, trained on first use.</summary>
    public string Directory
    {
        get
        {
            Skip.IfNot(TorchRuntime.IsAvailable, TorchRuntime.UnavailableReason);
            return directory.Value;
        }
    }

    /// <summary>Hashed once: tests compare it with every answer.</summary>
    public string Version => version.Value;

    /// <summary>A copy of the checkpoint that differs in one insignificant byte: another version that ranks alike.</summary>
    public string CopyAsAnotherVersion()
    {
        var copy = folder.File($"copy-{Guid.NewGuid():N}");
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Directory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.AppendAllText(Path.Combine(copy, RecommenderCheckpoint.ConfigFileName), "\n");
        return copy;
    }

    private string Train()
    {
        var output = folder.File("model");
        using var model = RecommenderTraining.Train(Data.Baskets, Cutoff, Data.Catalog, RecommenderConfig.Small, ComputeDevice.Cpu);
        RecommenderCheckpoint.Save(model, output, Data.Baskets, Cutoff, Data.Catalog);
        return output;
    }

    public void Dispose() => folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class TrainedModelCollection : ICollectionFixture<TrainedModel>
{
    public const string Name = "trained model";
}
