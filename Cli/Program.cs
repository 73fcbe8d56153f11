using Recsys.Cli;

return await RecsysCommandLine.Create().Parse(args).InvokeAsync();
