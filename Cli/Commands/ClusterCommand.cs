using System.CommandLine;
using System.Text.Json;
using Recsys.Cli.LocalCluster;
using Recsys.Grains.Interfaces.Json;
using Spectre.Console;

namespace Recsys.Cli.Commands;

/// <summary><c>recsys cluster up|status|down</c>: a cluster on this machine, Azurite and several silo
/// processes on loopback, for trying what a deployment does (a silo dying, scaling) without one.</summary>
internal static class ClusterCommand
{
    private const string DefaultFolder = "recsys-data/cluster";

    public static Command Create() => new("cluster", "A cluster on this machine: Azurite and silo processes on loopback.")
    {
        Up(),
        Status(),
        Down(),
    };

    private static Option<string> DataOption() => new("--data")
    {
        Description = "Folder of the cluster: Azurite's data, the silos' logs, cluster.json.",
        DefaultValueFactory = _ => DefaultFolder,
    };

    private static Command Up()
    {
        var silos = new Option<int>("--silos") { Description = "How many silos.", DefaultValueFactory = _ => 3 };
        silos.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 16)
            {
                result.AddError("--silos must be between 1 and 16.");
            }
        });
        var data = DataOption();
        var command = new Command("up", "Start Azurite and N silos (recsys serve in azure mode); print each silo's HTTP URL and gateway port.") { silos, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = new LocalClusterHost(parse.GetRequiredValue(data));
            try
            {
                var state = await host.Up(parse.GetValue(silos), message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]"), cancellationToken);
                var table = new Table().AddColumns("silo", "HTTP", "Orleans gateway", "pid");
                foreach (var silo in state.Silos)
                {
                    table.AddRow(silo.Name, silo.HttpUrl.ToString(), $"127.0.0.1:{silo.GatewayPort}", silo.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLineInterpolated($"Cluster [bold]{state.ClusterId}[/] is up; its data and logs are in {host.Folder}.");
                AnsiConsole.MarkupLineInterpolated($"Orleans clients: Recsys:Client:Transport=Orleans, ClusterId={state.ClusterId}, Gateways={string.Join(",", state.Silos.Select(s => $"127.0.0.1:{s.GatewayPort}"))}");
                AnsiConsole.MarkupLineInterpolated($"Stop it with: recsys cluster down --data {host.Folder}");
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]The cluster could not start:[/] {e.Message}");
                await host.Down(_ => { });
                return 1;
            }
        });
        return command;
    }

    private static Command Status()
    {
        var data = DataOption();
        var json = new Option<bool>("--json") { Description = "A JSON array of {name, status, pid, httpUrl, gatewayPort, address} instead of a table." };
        var command = new Command("status", "List the silos from Orleans' membership table: name, address, status, and pid and URLs of local ones.") { data, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetRequiredValue(data));
            if (ClusterState.Read(folder) is not { } state)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]No cluster was started from {folder}[/] (recsys cluster up --data {folder}).");
                return 2;
            }
            IReadOnlyList<MemberSilo> members;
            try
            {
                members = await MembershipTable.Read(state.ConnectionString, state.ClusterId, cancellationToken);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]The membership table cannot be read[/] (is Azurite running? recsys cluster up): {e.Message}");
                return 1;
            }
            var rows = members
                .OrderBy(m => m.Name, StringComparer.Ordinal).ThenByDescending(m => m.Generation)
                .Select(member =>
                {
                    var local = state.Silos.FirstOrDefault(s => s.Name == member.Name && s.GatewayPort == member.GatewayPort);
                    var alive = member.Status == "Active" && local is not null && DetachedProcess.IsRunning(local.Pid);
                    return new SiloStatus(member.Name, member.Status, alive ? local!.Pid : null, alive ? local!.HttpUrl.ToString() : null,
                        member.GatewayPort, $"{member.Address}:{member.Port}@{member.Generation}");
                })
                .ToList();
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(rows, RecsysJson.Options));
                return 0;
            }
            var table = new Table().AddColumns("silo", "address", "status", "pid", "HTTP", "gateway port");
            foreach (var row in rows)
            {
                table.AddRow(row.Name, row.Address, row.Status, row.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", row.HttpUrl ?? "-",
                    row.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Down()
    {
        var data = DataOption();
        var command = new Command("down", "Stop the silos gracefully (each writes its grains' state), then Azurite.") { data };
        command.SetAction(async (parse, _) =>
        {
            var host = new LocalClusterHost(parse.GetRequiredValue(data));
            var stopped = await host.Down(message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]"));
            if (stopped is null)
            {
                AnsiConsole.MarkupLineInterpolated($"No cluster was started from {host.Folder}.");
                return 2;
            }
            AnsiConsole.MarkupLineInterpolated($"Cluster {stopped.ClusterId} stopped; its data stays in {host.Folder}.");
            return 0;
        });
        return command;
    }

    /// <summary>One row of <c>recsys cluster status</c>: pid and URL only for a live silo started from this folder.</summary>
    private sealed record SiloStatus(string Name, string Status, int? Pid, string? HttpUrl, int GatewayPort, string Address);
}
