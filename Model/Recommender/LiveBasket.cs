namespace Recsys.Model.Recommender;

/// <summary>A basket bought after a served model's snapshot: the user's live purchases, which the snapshot's
/// sequences do not hold.</summary>
/// <param name="ItemIds">In the order they were bought.</param>
public sealed record LiveBasket(DateTimeOffset Time, IReadOnlyList<string> ItemIds);
