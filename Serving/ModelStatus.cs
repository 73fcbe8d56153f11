namespace Recsys.Serving;

/// <summary>The model a silo serves, as <c>GET /v1/admin/model</c> reports it.</summary>
/// <param name="Cutoff">The snapshot's cutoff: requests before it get the non-learned mix.</param>
public sealed record ModelStatus(string Version, string Path, string Device, DateTimeOffset Cutoff, int Items,
    int Customers, DateTimeOffset LoadedAt)
{
    public static ModelStatus Of(LoadedModel model) => new(model.Version, model.Path,
        model.Recommender.Device.ToString(), model.Recommender.Cutoff, model.Recommender.ItemCount,
        model.Recommender.CustomerCount, model.LoadedAt);
}
