using System.CommandLine;
using System.Diagnostics;
using Recsys.Cli.Terminal;
using Recsys.Client;
using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary><c>recsys replay</c>: streams an event file into a silo over HTTP, as fast as it takes
/// them or at a fixed rate.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var events = new Option<string>("--events") { Description = "Event file (events.ndjson or events.ndjson.gz).", Required = true };
        var url = new Option<Uri>("--url")
        {
            Description = "Base URL of the silo.",
            DefaultValueFactory = _ => new Uri("http://localhost:8080/"),
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
                {
                    return parsed;
                }
                result.AddError($"--url must be an absolute http(s) URL, not '{text}'.");
                return null;
            },
        };
        var rate = new Option<double>("--rate") { Description = "Events per second (0: as fast as the silo takes them)." };
        var catalog = new Option<string?>("--catalog") { Description = "Catalog file to upsert first (catalog.ndjson or .gz)." };
        var batch = new Option<int>("--batch") { Description = "Events per request.", DefaultValueFactory = _ => 1000 };
        var command = new Command("replay", "Stream events from a file into a silo over HTTP, with a progress bar.") { events, url, rate, catalog, batch };
        rate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() < 0)
            {
                result.AddError("--rate must be zero or more.");
            }
        });
        batch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--batch must be at least 1.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var eventsPath = parse.GetRequiredValue(events);
            if (!File.Exists(eventsPath))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]No such file:[/] {eventsPath}");
                return 2;
            }
            using var http = new HttpClient();
            var client = new HttpRecsysClient(http, new RecsysClientOptions { BaseAddress = parse.GetRequiredValue(url), BatchSize = parse.GetValue(batch) });
            try
            {
                if (parse.GetValue(catalog) is { } catalogPath)
                {
                    var upserted = await client.UpsertItems(ProjectFiles.ReadCatalog(catalogPath), cancellationToken);
                    AnsiConsole.MarkupLineInterpolated($"Upserted {upserted:N0} catalog items.");
                }
                var (result, seconds) = await Send(client, eventsPath, parse.GetValue(batch), parse.GetValue(rate), cancellationToken);
                var sent = result.Accepted + result.Duplicates + result.Expired;
                AnsiConsole.MarkupLineInterpolated(
                    $"Sent {sent:N0} events in {seconds:0.0} s ({sent / Math.Max(seconds, 1e-9):N0} events/s): {result.Accepted:N0} accepted, {result.Duplicates:N0} duplicates, {result.Expired:N0} expired, {result.UnknownItems:N0} with unknown items.");
                return 0;
            }
            catch (Exception error) when (error is RecsysClientException or DataFormatException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Replay stopped:[/] {error.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Sends the file in batches, up to <see cref="ConcurrentRequests"/> at a time (events of
    /// one user may then arrive out of order, which the user grain handles); returns the summed
    /// results and the seconds it took.</summary>
    public static Task<(TrackResult Result, double Seconds)> Send(IRecsysClient client, string eventsPath, int batchSize, double rate, CancellationToken cancellationToken) =>
        ProgressBar.Run($"Replaying {Path.GetFileName(eventsPath)}", async report =>
        {
            var total = ProjectFiles.ReadEvents(eventsPath).Count();
            var clock = Stopwatch.StartNew();
            var result = TrackResult.Empty;
            var sent = 0;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentRequests, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(ProjectFiles.ReadEvents(eventsPath).Chunk(batchSize), parallel, async (chunk, token) =>
            {
                var tracked = await client.Track(chunk, token);
                int sentNow;
                lock (clock)
                {
                    result = result.Add(tracked);
                    sentNow = sent += chunk.Length;
                    report(sentNow, total);
                }
                if (rate > 0 && TimeSpan.FromSeconds(sentNow / rate) - clock.Elapsed is var ahead && ahead > TimeSpan.Zero)
                {
                    await Task.Delay(ahead, token);
                }
            });
            return (result, clock.Elapsed.TotalSeconds);
        });

    private const int ConcurrentRequests = 4;
}
