global using Recsys.Cli.LocalCluster;
global using Recsys.Testing;
