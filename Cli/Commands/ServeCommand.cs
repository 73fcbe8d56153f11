using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Recsys.Silo;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary><c>recsys serve</c>: runs a silo until Ctrl+C (or SIGTERM), then stops it gracefully so
/// that every grain writes its state.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var settings = new SiloSettings();
        var command = new Command("serve", "Run a silo: Orleans with the recommendation grains, the HTTP API and the Orleans gateway. Extra arguments --Recsys:Key=value override configuration.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        settings.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = RecsysSilo.Build([.. parse.UnmatchedTokens],
                builder => builder.Configuration.AddInMemoryCollection(settings.Overrides(parse)));
            if (!await SiloSettings.TryStart(app, cancellationToken))
            {
                return 1;
            }
            var url = app.GetListeningUri();
            AnsiConsole.MarkupLineInterpolated($"Serving on [bold]{url}[/] (OpenAPI UI at {url}swagger, metrics at {url}metrics); Orleans gateway on port {app.GetGatewayPort()}. Ctrl+C stops.");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
