using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Recsys.Client;
using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Silo;
using Spectre.Console;
using RecommendationTable = Recsys.Cli.Terminal.RecommendationTable;

namespace Recsys.Cli.Commands;

/// <summary><c>recsys demo</c>: a silo on the embedded defaults (one silo, SQLite, CPU), the bundled
/// sample loaded through the HTTP API like a frontend would, recommendations for a few users in two
/// scenes, and the silo left serving.</summary>
internal static class DemoCommand
{
    public const string ChristmasPromotion = "XMAS";

    /// <summary>The item whose similar items the demo shows: the sample's best seller.</summary>
    private const string SimilarExample = "85123A";

    private static readonly (string Name, RecommendationRequest Request)[] Scenes =
    [
        ("Scene 1: in the United Kingdom, 2011-11-01 09:00, no promotion",
            new RecommendationRequest { Count = 5, Location = "United Kingdom", At = new DateTimeOffset(2011, 11, 1, 9, 0, 0, TimeSpan.Zero) }),
        ("Scene 2: in Germany, 2011-11-01 18:00, the XMAS promotion running",
            new RecommendationRequest { Count = 5, Location = "Germany", At = new DateTimeOffset(2011, 11, 1, 18, 0, 0, TimeSpan.Zero), PromotionIds = [ChristmasPromotion] }),
    ];

    public static Command Create()
    {
        var settings = new SiloSettings();
        var data = new Option<string>("--data")
        {
            Description = "Folder with events.ndjson.gz and catalog.ndjson.gz.",
            DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "data", "sample"),
        };
        var keep = new Option<bool>("--keep") { Description = "Keep the demo's earlier state instead of starting afresh." };
        var exit = new Option<bool>("--exit") { Description = "Stop after printing the recommendations instead of serving." };
        var retrain = new Option<bool>("--retrain") { Description = "Train the demo's model again instead of serving the one trained earlier." };
        var noModel = new Option<bool>("--no-model") { Description = "Serve the non-learned mix only: no model is trained or loaded." };
        var command = new Command("demo", "Start a silo on the embedded defaults, load the bundled sample, print recommendations in two scenes, keep serving. Extra arguments --Recsys:Key=value override configuration.")
        {
            data, keep, exit, retrain, noModel,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        settings.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetRequiredValue(data);
            var eventsPath = Path.Combine(folder, ProjectFiles.EventsFileName);
            var catalogPath = Path.Combine(folder, ProjectFiles.CatalogFileName);
            if (!File.Exists(eventsPath) || !File.Exists(catalogPath))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]The demo data is missing:[/] expected {eventsPath} and {catalogPath}.");
                return 2;
            }
            var overrides = settings.Overrides(parse, defaultStorage: Path.Combine("recsys-data", "demo", "recsys.db"));
            // The demo's own output tells the story; the host's routine logging would drown it.
            overrides.TryAdd("Logging:LogLevel:Default", "Warning");
            overrides.TryAdd("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
            // Writing the state of ~4,300 users on the way out takes a few seconds, which Orleans reports as a slow stop.
            overrides.TryAdd("Logging:LogLevel:Orleans.Runtime.SiloLifecycleSubject", "Error");
            // On loopback, the Swagger UI is how a visitor tries the API.
            overrides.TryAdd("Recsys:Security:SwaggerUi", "true");
            if (!parse.GetValue(keep) && overrides.GetValueOrDefault("Recsys:Storage:Path") is { } storage)
            {
                DeleteDatabase(storage);
            }

            // A model named on the command line is served as it is; else the demo trains (once) and serves its own.
            if (!parse.GetValue(noModel) && !parse.UnmatchedTokens.Any(token => token.Contains("Recsys:Model:Path", StringComparison.OrdinalIgnoreCase))
                && await DemoModel.Ensure(folder, Path.Combine("recsys-data", "demo-model"), parse.GetValue(retrain), cancellationToken) is { } modelPath)
            {
                overrides["Recsys:Model:Path"] = modelPath;
            }

            await using var app = RecsysSilo.Build([.. parse.UnmatchedTokens], builder => builder.Configuration.AddInMemoryCollection(overrides));
            if (!await SiloSettings.TryStart(app, cancellationToken))
            {
                return 1;
            }
            var url = app.GetListeningUri();
            AnsiConsole.MarkupLineInterpolated($"Silo started on [bold]{url}[/] (storage: SQLite {overrides["Recsys:Storage:Path"]}).");

            using var http = new HttpClient();
            var client = new HttpRecsysClient(http, new RecsysClientOptions { BaseAddress = url, BatchSize = 2000, Timeout = TimeSpan.FromMinutes(2) });
            var catalog = ProjectFiles.ReadCatalog(catalogPath).Select(WithChristmasPromotion).ToList();
            await client.UpsertItems(catalog, cancellationToken);
            AnsiConsole.MarkupLineInterpolated(
                $"Catalog: {catalog.Count:N0} items, {catalog.Count(i => i.OnPromotion):N0} of them on the {ChristmasPromotion} promotion.");
            var (loaded, seconds) = await ReplayCommand.Send(client, eventsPath, batchSize: 2000, rate: 0, cancellationToken);
            AnsiConsole.MarkupLineInterpolated(
                $"Events: {loaded.Accepted:N0} accepted ({loaded.Duplicates:N0} duplicates) in {seconds:0.0} s, {(loaded.Accepted + loaded.Duplicates) / Math.Max(seconds, 1e-9):N0} events/s over HTTP.");

            var demoUsers = DemoUsers.Pick(ProjectFiles.ReadEvents(eventsPath));
            foreach (var (userId, description) in demoUsers)
            {
                AnsiConsole.WriteLine();
                AnsiConsole.MarkupLineInterpolated($"[bold]User {userId}[/]: {description}");
                foreach (var (name, request) in Scenes)
                {
                    AnsiConsole.Write(RecommendationTable.Render(name, await client.Recommend(userId, request, cancellationToken)));
                }
            }

            AnsiConsole.WriteLine();
            var searcher = demoUsers[0].UserId;
            foreach (var request in new[] { new SearchRequest { Query = "hanging heart", Count = 5 }, new SearchRequest { Query = "hangng hart", Count = 5, UserId = searcher } })
            {
                var caption = $"Search \"{request.Query}\"" + (request.UserId is { } user ? $" for user {user}" : "");
                AnsiConsole.Write(RecommendationTable.Render(caption, (await client.Search(request, cancellationToken)).Items));
            }
            AnsiConsole.Write(RecommendationTable.Render($"Similar to {SimilarExample}", (await client.Similar(SimilarExample, 5, cancellationToken)).Items));

            if (parse.GetValue(exit))
            {
                // A graceful stop: every grain writes its state and the journal is trimmed.
                await app.StopAsync(CancellationToken.None);
                return 0;
            }
            AnsiConsole.WriteLine();
            AnsiConsole.MarkupLineInterpolated($"Serving on [bold]{url}[/] — OpenAPI UI at {url}swagger. Try:");
            AnsiConsole.MarkupLineInterpolated($"  curl '{url}v1/users/{DemoUsers.Visitor}/recommendations?k=5&location=France&at=2011-11-02T12:00:00Z'");
            AnsiConsole.MarkupLineInterpolated($"  curl '{url}v1/admin/model'");
            AnsiConsole.MarkupLineInterpolated($"  curl '{url}v1/search?q=lantrn&k=5'");
            AnsiConsole.MarkupLineInterpolated($"  curl '{url}v1/items/{SimilarExample}/similar?k=5'");
            AnsiConsole.MarkupLine("Ctrl+C stops the silo (state is written on the way out).");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static ItemInfo WithChristmasPromotion(ItemInfo item) =>
        item.Title.Contains("CHRISTMAS", StringComparison.OrdinalIgnoreCase)
            ? item with { OnPromotion = true, PromotionIds = [ChristmasPromotion] }
            : item;

    private static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }
}
