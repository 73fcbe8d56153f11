global using System.Net;
global using Recsys.Testing;
global using Recsys.Cli.LocalCluster;
