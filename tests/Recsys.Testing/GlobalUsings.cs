global using Recsys.Cli.LocalCluster;
