using System.Collections.Concurrent;

namespace Recsys.Runtime.Core;

/// <summary>Runs the tasks of one activation one at a time, in order, on the thread pool. Grain code
/// awaits without ConfigureAwait(false), so its continuations come back here: that is what makes a
/// turn single-threaded and grain code lock-free.</summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // How many tasks one thread-pool visit may run before yielding, so a busy activation cannot
    // starve the others.
    private const int MaxTasksPerVisit = 64;

    [ThreadStatic]
    private static ActivationTaskScheduler? _running;

    private readonly ConcurrentQueue<Task> _queue = new();
    private int _scheduled;

    public override int MaximumConcurrencyLevel => 1;

    public int QueueLength => _queue.Count;

    protected override void QueueTask(Task task)
    {
        _queue.Enqueue(task);
        ScheduleVisit();
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        // Only the thread already running this activation's turn may run its tasks inline.
        !taskWasPreviouslyQueued && ReferenceEquals(_running, this) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    void IThreadPoolWorkItem.Execute()
    {
        _running = this;
        try
        {
            for (var i = 0; i < MaxTasksPerVisit && _queue.TryDequeue(out var task); i++)
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            _running = null;
            Volatile.Write(ref _scheduled, 0);
        }
        if (!_queue.IsEmpty)
        {
            ScheduleVisit();
        }
    }

    private void ScheduleVisit()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
