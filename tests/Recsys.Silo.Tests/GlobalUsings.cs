global using System.Net;
global using System.Net.Http.Json;
global using Recsys.Grains.Interfaces;
global using Recsys.Runtime.Serialization;
global using Recsys.Silo.Tests.Support;
