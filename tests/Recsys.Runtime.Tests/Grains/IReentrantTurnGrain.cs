namespace Recsys.Runtime.Tests;

public interface IReentrantTurnGrain : ITurnGrain;
