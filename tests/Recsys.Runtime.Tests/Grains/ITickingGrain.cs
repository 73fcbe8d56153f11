namespace Recsys.Runtime.Tests;

public interface ITickingGrain : IGrainWithStringKey
{
    Task Start(int periodMilliseconds);

    Task StopTimer();

    /// <summary>A long call: timer ticks must not run inside it.</summary>
    Task<int> TicksDuring(int milliseconds);

    Task<int> Ticks();
}
