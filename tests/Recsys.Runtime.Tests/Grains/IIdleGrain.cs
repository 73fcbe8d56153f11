namespace Recsys.Runtime.Tests;

public interface IIdleGrain : IGrainWithStringKey
{
    Task Touch();
}
