namespace Recsys.Silo.Tests.Support;

/// <summary>Tests that share one silo on memory storage (see <see cref="SiloFixture"/>).</summary>
public abstract class SiloTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    internal TestSilo Silo => fixture.Silo;
}
