using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Recsys.Model.Data;

namespace Recsys.Silo.Tests;

/// <summary>DELETE /v1/users/{id} on the embedded store, among thousands of other users: afterwards no byte of the
/// SQLite files holds the user's id, event ids, basket ids or scene values, nor does any log line at Information.</summary>
public sealed class ErasureTests
{
    [Fact]
    public async Task An_erased_user_leaves_nothing_in_the_storage_files_or_the_logs()
    {
        using var folder = new TempFolder();
        var tag = Guid.NewGuid().ToString("N");
        var user = $"erase-me-{tag}";
        var baskets = Enumerable.Range(0, 5).Select(n => $"erase-basket-{tag}-{n}").ToList();
        var promotion = $"erase-promo-{tag}";
        var theirs = Enumerable.Range(0, 100).Select(i => new UserEvent
        {
            EventId = $"erase-event-{tag}-{i}",
            UserId = user,
            ItemId = $"item-{i % 17}",
            Type = i % 2 == 0 ? EventType.Purchase : EventType.View,
            Timestamp = DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(i),
            BasketId = i % 2 == 0 ? baskets[i % 5] : null,
            Location = "France",
            PromotionIds = [promotion],
        }).ToList();
        string[] secrets = [user, promotion, .. baskets, .. theirs.Select(e => e.EventId)];
        var others = ProjectFiles.ReadEvents(RepositoryFolder.File("data", "sample", ProjectFiles.EventsFileName)).Take(60_000).ToList();
        var logs = new LogCapture();
        var settings = new Dictionary<string, string?>
        {
            ["Recsys:Storage:Path"] = folder.File("recsys.db"),
            ["Recsys:Users:FlushInterval"] = "00:00:00.050", // the user's state is written many times over
            ["Logging:LogLevel:Default"] = "Information",
        };

        await using (var silo = await TestSilo.Start(settings, configure: builder => builder.Logging.AddProvider(logs)))
        {
            await silo.Client.Track(others.Take(30_000));
            foreach (var batch in theirs.Chunk(20))
            {
                await silo.Client.Track(batch);
                await Task.Delay(200);
            }
            await silo.Client.Track(others.Skip(30_000));
            Assert.NotEmpty(SecretsIn(folder, secrets)); // the scan finds them while they are stored

            Assert.Equal(HttpStatusCode.NoContent, (await silo.Http.DeleteAsync($"/v1/users/{user}")).StatusCode);
            Assert.Empty(SecretsIn(folder, secrets));
        }
        await using (var restarted = await TestSilo.Start(settings))
        {
            Assert.False((await restarted.Client.Profile(user)).Known);
        }

        Assert.Empty(SecretsIn(folder, secrets));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(user, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Contains("erased on request", StringComparison.Ordinal));
    }

    /// <summary>Which secrets occur, as UTF-8, in which file of the storage folder.</summary>
    private static List<string> SecretsIn(TempFolder folder, string[] secrets) =>
        [.. from file in Directory.GetFiles(folder.Path)
            let bytes = ReadShared(file)
            from secret in secrets
            where bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0
            select $"{secret} in {Path.GetFileName(file)}"];

    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Every log line at Information or above, formatted as a console logger would write it.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
