namespace Recsys.Runtime.Core;

/// <summary>The local activations of one stateless-worker grain id. A call goes to an idle worker,
/// else to a new one while the pool is below its maximum, else to the least busy worker.</summary>
internal sealed class StatelessWorkerPool(GrainRuntime runtime, GrainId grainId, GrainClass grainClass, int maxWorkers)
{
    private readonly List<Activation> _workers = [];

    public Activation[] Workers
    {
        get
        {
            lock (_workers)
            {
                return [.. _workers];
            }
        }
    }

    public void Enqueue(Message message)
    {
        // Choosing and enqueueing under one lock: two calls arriving together never pick the same
        // idle worker, so n calls really run on n workers.
        lock (_workers)
        {
            while (true)
            {
                var worker = PickWorker();
                if (worker.TryEnqueue(message))
                {
                    return;
                }
                _workers.Remove(worker);
            }
        }
    }

    private Activation PickWorker()
    {
        Activation? leastBusy = null;
        foreach (var worker in _workers)
        {
            if (worker.IsIdle)
            {
                return worker;
            }
            if (leastBusy is null || worker.QueueLength < leastBusy.QueueLength)
            {
                leastBusy = worker;
            }
        }
        if (leastBusy is not null && _workers.Count >= maxWorkers)
        {
            return leastBusy;
        }
        var created = new Activation(runtime, grainId, grainClass, Remove);
        _workers.Add(created);
        return created;
    }

    private void Remove(Activation worker)
    {
        lock (_workers)
        {
            _workers.Remove(worker);
        }
    }
}
