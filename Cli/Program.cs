using System.CommandLine;
using Recsys.Cli;

// The host handles Ctrl+C and SIGTERM itself (stopping grains gracefully), so the parser must not
// cut the process short after its default two seconds.
return await RecsysCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
