namespace Recsys.Silo.Tests.Support;

/// <summary>One silo on memory storage shared by the tests of a class; tests use their own user and
/// item ids so they do not see each other.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    internal TestSilo Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync() => _silo = await TestSilo.Start();

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
