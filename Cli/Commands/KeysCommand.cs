using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Recsys.Silo.Options;

namespace Recsys.Cli.Commands;

/// <summary><c>recsys keys new</c>: an API key for the silo's HTTP API, printed once, with the configuration that
/// admits it (its SHA-256, never the key).</summary>
internal static class KeysCommand
{
    private const string KeyPrefix = "rsk_";

    public static Command Create() => new("keys", "API keys for the HTTP API (Recsys:Security:ApiKeys).") { New() };

    private static Command New()
    {
        var name = new Option<string>("--name") { Description = "Who holds the key (a frontend, an importer); named in rate limits and logs.", Required = true };
        var scopes = new Option<string[]>("--scopes")
        {
            Description = $"What it may do: {string.Join(", ", ApiScopes.All)} (comma-separated).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => [.. result.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        };
        var rate = new Option<int>("--rate") { Description = "Requests per second (0: no limit).", DefaultValueFactory = _ => new ApiKeyOptions().RequestsPerSecond };
        var command = new Command("new", "Make an API key; print it once with the settings that admit it.") { name, scopes, rate };
        command.SetAction(parse =>
        {
            var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var entry = new ApiKeyOptions
            {
                Name = parse.GetRequiredValue(name),
                Sha256 = ApiKeyOptions.HashOf(key),
                Scopes = [.. parse.GetRequiredValue(scopes)],
                RequestsPerSecond = parse.GetValue(rate),
            };
            var problems = entry.Validate("--").ToList();
            if (problems.Count > 0)
            {
                parse.InvocationConfiguration.Error.WriteLine(string.Join(Environment.NewLine, problems));
                return 2;
            }
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"API key for '{entry.Name}' (shown once: give it to its holder, keep it as a secret):");
            output.WriteLine();
            output.WriteLine($"  {key}");
            output.WriteLine();
            output.WriteLine("Admit it with this entry in Recsys:Security:ApiKeys (appsettings.json or a mounted secret):");
            output.WriteLine();
            output.WriteLine("  " + JsonSerializer.Serialize(entry));
            output.WriteLine();
            output.WriteLine("or as environment variables, N being the entry's index:");
            output.WriteLine();
            output.WriteLine($"  RECSYS__SECURITY__APIKEYS__N__NAME={entry.Name}");
            output.WriteLine($"  RECSYS__SECURITY__APIKEYS__N__SHA256={entry.Sha256}");
            for (var i = 0; i < entry.Scopes.Count; i++)
            {
                output.WriteLine($"  RECSYS__SECURITY__APIKEYS__N__SCOPES__{i}={entry.Scopes[i]}");
            }
            output.WriteLine($"  RECSYS__SECURITY__APIKEYS__N__REQUESTSPERSECOND={entry.RequestsPerSecond}");
            return 0;
        });
        return command;
    }
}
