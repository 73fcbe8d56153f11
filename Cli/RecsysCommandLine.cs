using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Recsys.Cli.Commands;

namespace Recsys.Cli;

/// <summary>The <c>recsys</c> command: every command of the tool, each in its own class.</summary>
public static class RecsysCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Recsys.Orleans: real-time, scene-aware recommendations on Microsoft Orleans.")
        {
            ServeCommand.Create(),
            DemoCommand.Create(),
            ImportCommand.Create(),
            ReplayCommand.Create(),
            TrainCommand.Create(),
            EvalCommand.Create(),
            PretrainTextCommand.Create(),
            ClusterCommand.Create(),
            KeysCommand.Create(),
        };
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new EveryCommandHelp(root, (SynchronousCommandLineAction)help.Action!);
        return root;
    }

    /// <summary>`recsys --help` shows every command with its options, not only the command names.</summary>
    private sealed class EveryCommandHelp(RootCommand root, SynchronousCommandLineAction standardHelp) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = standardHelp.Invoke(parseResult);
            if (parseResult.CommandResult.Command != root)
            {
                return exitCode;
            }
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Commands and their options:");
            foreach (var (path, command) in Leaves(root, "recsys"))
            {
                output.WriteLine();
                output.WriteLine($"  {path}: {command.Description}");
                foreach (var option in command.Options.Where(o => !o.Hidden && o is not HelpOption))
                {
                    var label = option.Required ? option.Name + " (required)" : option.Name;
                    output.WriteLine($"    {label,-26} {option.Description}");
                }
            }
            return exitCode;
        }

        private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path) =>
            command.Subcommands.Count == 0
                ? [(path, command)]
                : command.Subcommands.SelectMany(sub => Leaves(sub, $"{path} {sub.Name}"));
    }
}
