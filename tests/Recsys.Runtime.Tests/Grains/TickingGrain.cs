namespace Recsys.Runtime.Tests;

public sealed class TickingGrain : Grain, ITickingGrain
{
    private IDisposable? _timer;
    private int _ticks;

    public Task Start(int periodMilliseconds)
    {
        _timer = RegisterGrainTimer(_ =>
        {
            _ticks++;
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(periodMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds));
        return Task.CompletedTask;
    }

    public Task StopTimer()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<int> TicksDuring(int milliseconds)
    {
        var before = _ticks;
        await Task.Delay(milliseconds);
        return _ticks - before;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);
}
