global using System.Net;
global using System.Net.Http.Json;
global using Recsys.Grains.Interfaces;
global using Recsys.Grains.Interfaces.Json;
global using Recsys.Testing;
global using Recsys.Silo.Tests.Support;
global using Recsys.Cli.LocalCluster;
