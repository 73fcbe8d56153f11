namespace Recsys.Runtime.Tests;

public interface IWorkerGrain : ITurnGrain;
