namespace Recsys.Runtime.Tests;

[Reentrant]
public sealed class ReentrantTurnGrain(ActivationLog log) : TurnGrainBase(log), IReentrantTurnGrain;
