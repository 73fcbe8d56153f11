using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Recommender;

/// <summary>A scene's vector: the sum of embeddings of its hour of day, day of week, country, device and
/// promotion state, and of a linear map of the sine and cosine of its time of year.</summary>
public sealed class SceneEmbedding : Module
{
    /// <summary>Columns of the int64 scene rows <see cref="Forward"/> takes, in <see cref="Scene"/>'s order.</summary>
    public const int Columns = 5;

    /// <summary>Columns of the float season rows: sine and cosine of the annual phase.</summary>
    public const int SeasonColumns = 2;

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
        Season = RegisterModule("season", new Linear(SeasonColumns, dimension, bias: false, device: device));
        foreach (var table in Tables)
        {
            Initialisation.Shrink(table.Weight);
        }

        Initialisation.Shrink(Season.Weight);
    }

    /// <summary>Hour, day of week, country, device, promotion.</summary>
    public ModuleList<Embedding> Tables { get; }

    public Linear Season { get; }

    /// <summary>Scenes as int64 rows [.., <see cref="Columns"/>] and float season rows
    /// [.., <see cref="SeasonColumns"/>] (see <see cref="Rows"/>, <see cref="SeasonRow"/>) to vectors
    /// [.., dimension].</summary>
    public Tensor Forward(Tensor scenes, Tensor seasons)
    {
        using var scope = LibTorch.NewDisposeScope();
        var sum = Season.Forward(seasons);
        for (var column = 0; column < Columns; column++)
        {
            sum += Tables[column].Forward(scenes.Select(-1, column));
        }

        return sum.MoveToOuterScope();
    }

    /// <summary>The int64 row of a scene, as <see cref="Forward"/> reads it.</summary>
    public static long[] Rows(Scene scene) => [scene.Hour, scene.DayOfWeek, scene.Country, scene.Device, scene.Promotion];

    /// <summary>The float season row of a scene, as <see cref="Forward"/> reads it.</summary>
    public static float[] SeasonRow(Scene scene) =>
        [(float)Math.Sin(scene.AnnualPhase), (float)Math.Cos(scene.AnnualPhase)];
}
