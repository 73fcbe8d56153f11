namespace Recsys.Runtime.Tests;

public interface IProfileGrain : IGrainWithStringKey
{
    Task SetName(string name);

    Task<string?> Name();

    Task<string?> Etag();

    Task Deactivate();

    Task Clear();
}
