using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary>The silo options that serve and demo share, turned into configuration overrides
/// (Recsys:Port, Recsys:Storage:Path). Any other setting: environment variables (RECSYS__...) or
/// trailing --Recsys:Section:Key=value arguments.</summary>
internal sealed class SiloSettings
{
    public Option<int?> Port { get; } = new("--port") { Description = "HTTP port (0: pick a free one). Default: Recsys:Port, 8080." };

    public Option<string?> Storage { get; } = new("--storage") { Description = "SQLite file for state and the event journal. Default: Recsys:Storage:Path." };

    public void AddTo(Command command)
    {
        command.Add(Port);
        command.Add(Storage);
    }

    /// <summary>Starts the silo; false, with the reason printed, when it cannot listen.</summary>
    public static async Task<bool> TryStart(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
            return true;
        }
        catch (IOException error) when (error.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Cannot start the silo:[/] {error.Message} Choose another port with --port (0 picks a free one).");
            return false;
        }
    }

    public Dictionary<string, string?> Overrides(ParseResult parse, string? defaultStorage = null)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(Port) is { } port)
        {
            overrides["Recsys:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if ((parse.GetValue(Storage) ?? defaultStorage) is { } path)
        {
            overrides["Recsys:Storage:Path"] = path;
        }
        return overrides;
    }
}
