using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Recsys.Runtime.Telemetry;

namespace Recsys.Runtime.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task EachCallIsAnActivityNestedInTheCallersTrace()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var silo = await TestSilo.StartAsync();
        using var outer = new ActivitySource("test-caller");
        using var callerListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "test-caller",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(callerListener);
        var grain = silo.Grains.GetGrain<ICounterGrain>("traced-" + Guid.NewGuid());

        using (var request = outer.StartActivity("http request"))
        {
            await grain.Increment();
            await Assert.ThrowsAsync<ArgumentException>(() => grain.Fail("boom"));
            Assert.Same(request, Activity.Current);

            var calls = activities.Where(a => a.TraceId == request!.TraceId).ToList();
            Assert.Equal(["ICounterGrain.Increment", "ICounterGrain.Fail"], calls.Select(a => a.OperationName));
            Assert.All(calls, a => Assert.Equal(request!.SpanId, a.ParentSpanId));
            Assert.Equal(ActivityStatusCode.Error, calls[1].Status);
        }
    }

    [Fact]
    public async Task CallsAndActivationsAreCounted()
    {
        var measurements = new ConcurrentDictionary<string, long>();
        var gauges = new ConcurrentDictionary<Instrument, int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RuntimeTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => gauges[instrument] = value);
        listener.Start();
        await using var silo = await TestSilo.StartAsync();

        for (var i = 0; i < 5; i++)
        {
            await silo.Grains.GetGrain<ICounterGrain>("metered-" + i).Increment();
        }
        await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetGrain<ICounterGrain>("metered-0").Fail("x"));
        listener.RecordObservableInstruments();

        Assert.True(measurements["recsys.runtime.calls"] >= 6);
        Assert.True(measurements["recsys.runtime.calls.failed"] >= 1);
        Assert.True(measurements["recsys.runtime.activations.created"] >= 5);
        // Other tests run silos of their own: at least one gauge (this silo's) sees all five.
        Assert.Contains(gauges, g => g.Key.Name == "recsys.runtime.activations.active" && g.Value >= 5);
    }
}
