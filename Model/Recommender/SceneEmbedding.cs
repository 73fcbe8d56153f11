using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Recommender;

/// <summary>A scene's vector: the sum of embeddings of its hour of day, day of week, country, device and
/// promotion state.</summary>
public sealed class SceneEmbedding : Module
{
    /// <summary>Columns of the int64 scene rows <see cref="Forward"/> takes, in <see cref="Scene"/>'s order.</summary>
    public const int Columns = 5;

    public SceneEmbedding(SceneVocabulary vocabulary, long dimension, Device? device = null)
    {
        Tables = RegisterModule("embeddings", new ModuleList<Embedding>(
        [
            new Embedding(Scene.Hours, dimension, device: device),
            new Embedding(Scene.DaysOfWeek, dimension, device: device),
            new Embedding(vocabulary.CountryRows, dimension, device: device),
            new Embedding(vocabulary.DeviceRows, dimension, device: device),
            new Embedding(Scene.PromotionStates, dimension, device: device),
        ]));
        foreach (var table in Tables)
        {
            Initialisation.Shrink(table.Weight);
        }
    }

    /// <summary>Hour, day of week, country, device, promotion.</summary>
    public ModuleList<Embedding> Tables { get; }

    /// <summary>Scenes as int64 rows [.., <see cref="Columns"/>] (see <see cref="Rows"/>) to vectors
    /// [.., dimension].</summary>
    public Tensor Forward(Tensor scenes)
    {
        using var scope = LibTorch.NewDisposeScope();
        var sum = Tables[0].Forward(scenes.Select(-1, 0));
        for (var column = 1; column < Columns; column++)
        {
            sum += Tables[column].Forward(scenes.Select(-1, column));
        }

        return sum.MoveToOuterScope();
    }

    /// <summary>The int64 row of a scene, as <see cref="Forward"/> reads it.</summary>
    public static long[] Rows(Scene scene) => [scene.Hour, scene.DayOfWeek, scene.Country, scene.Device, scene.Promotion];
}
