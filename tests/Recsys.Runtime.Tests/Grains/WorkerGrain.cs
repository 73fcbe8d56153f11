namespace Recsys.Runtime.Tests;

[StatelessWorker(4)]
public sealed class WorkerGrain(ActivationLog log) : TurnGrainBase(log), IWorkerGrain;
