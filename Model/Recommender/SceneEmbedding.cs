using Recsys.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>A scene's vector: the sum of embeddings of its hour of day, day of week, country, device and
/// promotion state, and of a linear map of the sine and cosine of its time of year.</summary>
public sealed class SceneEmbedding : ExplicitModule
{
    /// <summary>Columns of the int64 scene rows <see cref="Forward"/> takes, in <see cref="Scene"/>'s order.</summary>
    public const int Columns = 5;

    /// <summary>Columns of the float season rows: sine and cosine of the annual phase.</summary>
    public const int SeasonColumns = 2;

    public SceneEmbedding(SceneVocabulary vocabulary, long dimension, Device? device = null)
        : base(nameof(SceneEmbedding))
    {
        Tables = Register("embeddings", new ModuleList<Embedding>(
            nn.Embedding(Scene.Hours, dimension, device: device),
            nn.Embedding(Scene.DaysOfWeek, dimension, device: device),
            nn.Embedding(vocabulary.CountryRows, dimension, device: device),
            nn.Embedding(vocabulary.DeviceRows, dimension, device: device),
            nn.Embedding(Scene.PromotionStates, dimension, device: device)));
        Season = Register("season", nn.Linear(SeasonColumns, dimension, hasBias: false, device: device));
        foreach (var table in Tables)
        {
            Initialisation.Shrink(table);
        }

        Initialisation.Shrink(Season.weight);
    }

    /// <summary>Hour, day of week, country, device, promotion.</summary>
    public ModuleList<Embedding> Tables { get; }

    public Linear Season { get; }

    /// <summary>Scenes as int64 rows [.., <see cref="Columns"/>] and float season rows
    /// [.., <see cref="SeasonColumns"/>] (see <see cref="Rows"/>, <see cref="SeasonRow"/>) to vectors
    /// [.., dimension].</summary>
    public Tensor Forward(Tensor scenes, Tensor seasons)
    {
        using var scope = NewDisposeScope();
        var sum = Season.forward(seasons);
        for (var column = 0; column < Columns; column++)
        {
            sum += Tables[column].forward(scenes.select(-1, column));
        }

        return sum.MoveToOuterDisposeScope();
    }

    /// <summary>The int64 row of a scene, as <see cref="Forward"/> reads it.</summary>
    public static long[] Rows(Scene scene) => [scene.Hour, scene.DayOfWeek, scene.Country, scene.Device, scene.Promotion];

    /// <summary>The float season row of a scene, as <see cref="Forward"/> reads it.</summary>
    public static float[] SeasonRow(Scene scene) =>
        [(float)Math.Sin(scene.AnnualPhase), (float)Math.Cos(scene.AnnualPhase)];
}
