namespace Recsys.Benchmarks;

public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}
