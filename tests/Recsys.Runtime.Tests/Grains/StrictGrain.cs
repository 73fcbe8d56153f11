namespace Recsys.Runtime.Tests;

public sealed class StrictGrain(ActivationLog log) : TurnGrainBase(log), IStrictGrain;
