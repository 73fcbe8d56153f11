using System.CommandLine;
using Recsys.Cli.Commands;

namespace Recsys.Cli;

/// <summary>The <c>recsys</c> command: every command of the tool, each in its own class.</summary>
public static class RecsysCommandLine
{
    public static RootCommand Create() => new("Recsys.Orleans: real-time, scene-aware recommendations on a virtual-actor runtime.")
    {
        ServeCommand.Create(),
        DemoCommand.Create(),
        ImportCommand.Create(),
        ReplayCommand.Create(),
    };
}
