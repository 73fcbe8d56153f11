namespace Recsys.Runtime.Core;

/// <summary>A persistent state the runtime reads before a grain's OnActivateAsync.</summary>
internal interface IStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
