using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recsys.Grains.Interfaces;
using Recsys.Model.Recommender;

namespace Recsys.Serving;

/// <summary>Dynamic batching in front of the served model (one per silo, so one per device): each request's candidates
/// and features are prepared on its caller's thread (in parallel, on every core), then requests queue (bounded: a full
/// queue refuses at once), and one loop takes up to <see cref="ModelServingOptions.MaxBatch"/> of them, waiting up to
/// <see cref="ModelServingOptions.MaxWait"/> for more, and ranks them with one pass of the network. Requests whose
/// caller stopped waiting are dropped before they cost a pass.</summary>
public sealed partial class InferenceBatcher : IDisposable
{
    private readonly Channel<Pending> queue;
    private readonly ModelServingOptions options;
    private readonly ServingTelemetry telemetry;
    private readonly ILogger<InferenceBatcher> logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public InferenceBatcher(IOptions<ModelServingOptions> options, ServingTelemetry telemetry, ILogger<InferenceBatcher> logger)
    {
        this.options = options.Value;
        this.telemetry = telemetry;
        this.logger = logger;
        queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(this.options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        loop = Task.Run(Run);
    }

    /// <summary>The query's list from <paramref name="model"/>, ranked with whatever else is queued.</summary>
    /// <param name="cancellationToken">Stops waiting; the query is then dropped if its batch has not started.</param>
    /// <exception cref="ServiceOverloadedException">The queue is full.</exception>
    public Task<IReadOnlyList<ServedItem>> Rank(ModelUse model, ServedQuery query, CancellationToken cancellationToken = default)
    {
        // A full queue refuses before the features are computed; the write below refuses what a race filled meanwhile.
        if (queue.Reader.Count >= options.QueueCapacity)
        {
            throw Overloaded();
        }

        var prepared = model.Model.Recommender.Prepare(query);
        // The queue holds its own reference: a caller that stops waiting must not free a model its batch still runs.
        var pending = new Pending(model.Model.TryUse() ?? throw new ObjectDisposedException(nameof(model)), prepared);
        if (!queue.Writer.TryWrite(pending))
        {
            pending.Use.Dispose();
            throw Overloaded();
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => pending.Result.TrySetCanceled(cancellationToken));
            pending.Result.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return pending.Result.Task;
    }

    private ServiceOverloadedException Overloaded()
    {
        telemetry.Refused();
        return new ServiceOverloadedException($"the model's queue is full ({options.QueueCapacity} requests); try again shortly");
    }

    private async Task Run()
    {
        var batch = new List<Pending>(options.MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping.Token))
            {
                await Collect(batch);
                RunBatch(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            // Stopping: nothing queued may wait for an answer that will not come, nor keep its model.
            while (queue.Reader.TryRead(out var left))
            {
                batch.Add(left);
            }

            foreach (var pending in batch)
            {
                pending.Result.TrySetException(new ObjectDisposedException(nameof(InferenceBatcher), "the silo is stopping"));
                pending.Use.Dispose();
            }
        }
    }

    /// <summary>Fills the batch from the queue: what is there, then what arrives within the batch's wait.</summary>
    private async Task Collect(List<Pending> batch)
    {
        var deadline = 0L;
        while (batch.Count < options.MaxBatch)
        {
            if (queue.Reader.TryRead(out var next))
            {
                if (next.Result.Task.IsCompleted)
                {
                    next.Use.Dispose();
                }
                else
                {
                    batch.Add(next);
                    deadline = batch.Count == 1
                        ? Stopwatch.GetTimestamp() + (long)(options.MaxWait.TotalSeconds * Stopwatch.Frequency)
                        : deadline;
                }

                continue;
            }

            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (batch.Count == 0 || left <= TimeSpan.Zero)
            {
                return;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            wait.CancelAfter(left);
            try
            {
                if (!await queue.Reader.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void RunBatch(List<Pending> batch)
    {
        // A swap can leave queries of two models in one batch: each model ranks its own.
        foreach (var group in batch.GroupBy(pending => pending.Use.Model))
        {
            var members = group.ToList();
            var started = Stopwatch.GetTimestamp();
            try
            {
                var lists = group.Key.Recommender.Rank(members.ConvertAll(pending => pending.Query));
                for (var i = 0; i < members.Count; i++)
                {
                    members[i].Result.TrySetResult(lists[i]);
                }
            }
            catch (Exception e)
            {
                LogBatchFailed(e, members.Count, group.Key.Version);
                foreach (var pending in members)
                {
                    pending.Result.TrySetException(e);
                }
            }
            finally
            {
                telemetry.BatchRan(members.Count, Stopwatch.GetElapsedTime(started));
                members.ForEach(pending => pending.Use.Dispose());
            }
        }
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        stopping.Cancel();
        loop.Wait(TimeSpan.FromSeconds(5));
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} requests failed on model {Version}")]
    private partial void LogBatchFailed(Exception exception, int count, string version);

    private sealed record Pending(ModelUse Use, PreparedQuery Query)
    {
        public TaskCompletionSource<IReadOnlyList<ServedItem>> Result { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
