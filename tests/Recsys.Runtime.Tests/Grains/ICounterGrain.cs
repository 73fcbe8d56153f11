namespace Recsys.Runtime.Tests;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task Fail(string message);

    Task Deactivate();
}
