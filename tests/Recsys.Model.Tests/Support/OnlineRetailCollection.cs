namespace Recsys.Model.Tests.Support;

/// <summary>The tests that share one read of the Online Retail data.</summary>
[CollectionDefinition(Name)]
public sealed class OnlineRetailCollection : ICollectionFixture<OnlineRetailFixture>
{
    public const string Name = "online-retail";
}
