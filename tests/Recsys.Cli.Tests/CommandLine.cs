using System.CommandLine;
using Spectre.Console;

namespace Recsys.Cli.Tests;

/// <summary>Runs the real <c>recsys</c> command line in process and captures what it prints. The
/// console is process-wide, so every test of this assembly runs in one collection, one at a time.</summary>
internal static class CommandLine
{
    public static async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var previous = AnsiConsole.Console;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 240; // tables must not wrap the text the tests look for
        AnsiConsole.Console = console;
        try
        {
            var exitCode = await RecsysCommandLine.Create().Parse(args)
                .InvokeAsync(new InvocationConfiguration { Output = output, Error = output, ProcessTerminationTimeout = null });
            return (exitCode, output.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
