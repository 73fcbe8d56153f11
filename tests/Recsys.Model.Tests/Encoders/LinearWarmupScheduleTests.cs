using Recsys.Model.Tensors;
using Recsys.Model.Tests.Tensors;

namespace Recsys.Model.Tests.Encoders;

public sealed class LinearWarmupScheduleTests
{
    [Fact]
    public void Rises_to_the_peak_over_the_warm_up_then_falls_to_zero_at_the_end()
    {
        var schedule = new LinearWarmupSchedule(1e-3, warmupSteps: 4, totalSteps: 12);

        var rates = Enumerable.Range(0, 12).Select(schedule.LearningRate).ToArray();

        Assert.Equal([2.5e-4, 5e-4, 7.5e-4, 1e-3, 1e-3, 8.75e-4, 7.5e-4, 6.25e-4, 5e-4, 3.75e-4, 2.5e-4, 1.25e-4], rates, new Tolerance(1e-12));
        Assert.Equal(0, schedule.LearningRate(12));
    }

    [Fact]
    public void Without_warm_up_it_starts_at_the_peak()
    {
        var schedule = new LinearWarmupSchedule(0.1, warmupSteps: 0, totalSteps: 4);

        Assert.Equal([0.1, 0.075, 0.05, 0.025], Enumerable.Range(0, 4).Select(schedule.LearningRate), new Tolerance(1e-12));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmupSchedule(0.1, warmupSteps: 5, totalSteps: 4));
    }
}
