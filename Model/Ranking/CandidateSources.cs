namespace Recsys.Model.Ranking;

/// <summary>Which sources proposed a candidate item.</summary>
[Flags]
public enum CandidateSources
{
    None = 0,

    /// <summary>The customer bought it before.</summary>
    Repeat = 1,

    /// <summary>It co-occurs with the items of the customer's recent baskets.</summary>
    ItemKnn = 2,

    /// <summary>Customers with similar item sets bought it.</summary>
    CustomerKnn = 4,

    /// <summary>It is popular in the customer's country or trending everywhere.</summary>
    Popular = 8,

    /// <summary>Its title is like those of the customer's items.</summary>
    Title = 16,

    /// <summary>Its vector is among the nearest to the customer's by dot product (a served request with filters, whose
    /// other sources may leave too few items).</summary>
    Retrieval = 32,
}
