using System.Diagnostics;
using Recsys.Grains.Diagnostics;

namespace Recsys.Silo.Tests;

public sealed class TelemetryTests(SiloFixture fixture) : SiloTests(fixture)
{
    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_with_orleans_and_our_own()
    {
        var user = Sample.Id("u");
        await Silo.Track(Sample.Json(new[] { Sample.Event(user, "i1") }));

        var response = await Silo.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE orleans_", text);
        Assert.Contains("recsys_journal_appended", text);
        Assert.Contains("recsys_silo_events_accepted", text);
        Assert.Contains("http_server_request_duration", text);
        Assert.Contains("dotnet_gc_", text);
    }

    [Fact]
    public async Task A_request_is_one_trace_through_the_gateway_orleans_and_the_journal()
    {
        var recorded = new List<Activity>();
        using var test = new ActivitySource("Recsys.Silo.Tests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Recsys.Silo.Tests" or "Microsoft.AspNetCore" or "Microsoft.Orleans.Application" or GrainsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (recorded)
                {
                    recorded.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var user = Sample.Id("traced");

        ActivityTraceId traceId;
        using (var frontend = test.StartActivity("frontend"))
        {
            traceId = frontend!.TraceId;
            await Silo.Track(Sample.Json(new[] { Sample.Event(user, "i1") }));
        }

        List<Activity> trace;
        lock (recorded)
        {
            trace = [.. recorded.Where(a => a.TraceId == traceId)];
        }
        Assert.Contains(trace, a => a.Source.Name == "Microsoft.AspNetCore");
        Assert.Contains(trace, a => a.Source.Name == "Microsoft.Orleans.Application" && a.DisplayName.Contains("IEventIngestGrain", StringComparison.Ordinal));
        Assert.Contains(trace, a => a.Source.Name == "Microsoft.Orleans.Application" && a.DisplayName.Contains("IUserGrain", StringComparison.Ordinal));
        Assert.Contains(trace, a => a.Source.Name == GrainsTelemetry.Name && a.DisplayName == "journal append");
    }
}

public sealed class DashboardTests
{
    [Fact]
    public async Task The_orleans_dashboard_is_served_only_when_enabled()
    {
        await using var enabled = await TestSilo.Start(new Dictionary<string, string?> { ["Recsys:Dashboard:Enabled"] = "true" });
        await using var disabled = await TestSilo.Start();

        var page = await enabled.Http.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await disabled.Http.GetAsync("/dashboard/")).StatusCode);
    }
}
