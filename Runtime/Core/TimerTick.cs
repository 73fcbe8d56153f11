namespace Recsys.Runtime.Core;

internal sealed class TimerTick(GrainTimer timer) : Message
{
    public override bool AlwaysInterleave => false;

    public override bool CountsAsUse => false;

    public override Task Run(Grain grain) => timer.RunTick();

    public override void Reject(Exception reason) => timer.TickDropped();
}
