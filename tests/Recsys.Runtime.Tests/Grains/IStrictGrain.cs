namespace Recsys.Runtime.Tests;

public interface IStrictGrain : ITurnGrain;
