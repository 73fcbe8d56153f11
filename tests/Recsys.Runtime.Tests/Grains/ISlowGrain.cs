namespace Recsys.Runtime.Tests;

public interface ISlowGrain : IGrainWithIntegerKey
{
    Task Never();

    ValueTask<int> Echo(int value);
}
