namespace Recsys.Model.Data;

/// <summary>One distinct item of a basket: the quantities of all its rows summed, the unit price of
/// its first row (null when the source did not say).</summary>
public sealed record BasketLine(string ItemId, int Quantity, double? UnitPrice);
