using System.Reflection;

namespace Recsys.Silo.Tests;

/// <summary>Dependencies point one way: the contracts know no runtime, storage or model; the client links only
/// the contracts and the Orleans client; the grains take from the model only the non-learned recommenders, and only
/// the serving project (and the silo above it) links the learning stack.
/// Checked on the assemblies' references, transitively, as they are built.</summary>
public sealed class LayeringTests
{
    [Theory]
    [InlineData("Recsys.Grains.Interfaces", new[] { "Orleans.Runtime", "Microsoft.Data.Sqlite", "Recsys.Model", "Recsys.Model.Recommenders", "Recsys.Grains", "Recsys.Storage", "Recsys.Silo", "Recsys.Client" })]
    [InlineData("Recsys.Client", new[] { "Orleans.Runtime", "Microsoft.Data.Sqlite", "Recsys.Model", "Recsys.Model.Recommenders", "Recsys.Grains", "Recsys.Storage", "Recsys.Silo" })]
    [InlineData("Recsys.Model.Recommenders", new[] { "Orleans.Core", "Orleans.Runtime", "Recsys.Model", "Recsys.Grains", "Microsoft.Data.Sqlite" })]
    [InlineData("Recsys.Grains", new[] { "Recsys.Model", "Recsys.Serving", "Recsys.Storage", "Recsys.Silo", "Microsoft.Data.Sqlite", "Recsys.Client" })]
    [InlineData("Recsys.Serving", new[] { "Recsys.Storage", "Recsys.Silo", "Microsoft.Data.Sqlite", "Recsys.Client" })]
    [InlineData("Recsys.Storage", new[] { "Recsys.Model", "Recsys.Silo", "Recsys.Client" })]
    [InlineData("Recsys.Search", new[] { "Orleans.Core", "Orleans.Runtime", "Recsys.Model", "Recsys.Model.Recommenders", "Recsys.Grains", "Recsys.Grains.Interfaces", "Recsys.Storage" })]
    [InlineData("Recsys.Silo", new[] { "Recsys.Client" })]
    public void An_assembly_never_reaches_what_lies_above_or_beside_it(string assembly, string[] forbidden)
    {
        var reached = Closure(Assembly.Load(assembly));

        Assert.Empty(reached.Intersect(forbidden, StringComparer.Ordinal));
    }

    [Fact]
    public void The_grains_reach_the_recommenders_they_serve_with_and_the_serving_project_the_model()
    {
        Assert.Contains("Recsys.Model.Recommenders", Closure(Assembly.Load("Recsys.Grains")));
        Assert.Contains("Recsys.Model", Closure(Assembly.Load("Recsys.Serving")));
    }

    [Fact]
    public void No_type_of_ours_shadows_an_orleans_name()
    {
        var ours = new[] { "Recsys.Grains.Interfaces", "Recsys.Grains", "Recsys.Model.Recommenders", "Recsys.Search", "Recsys.Serving", "Recsys.Storage", "Recsys.Silo", "Recsys.Client" }
            .SelectMany(name => Assembly.Load(name).GetExportedTypes()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var orleans = new[] { "Orleans.Core.Abstractions", "Orleans.Core", "Orleans.Runtime", "Orleans.Serialization", "Orleans.Serialization.Abstractions", "Orleans.Dashboard" }
            .SelectMany(name => Assembly.Load(name).GetExportedTypes()).Select(t => t.Name);

        Assert.Empty(orleans.Where(ours.Contains).Distinct());
    }

    /// <summary>Names of every assembly reachable through references, stopping at the framework.</summary>
    private static HashSet<string> Closure(Assembly root)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>(root.GetReferencedAssemblies());
        while (pending.TryPop(out var name))
        {
            if (!reached.Add(name.Name!) || name.Name!.StartsWith("System", StringComparison.Ordinal) || name.Name == "netstandard")
            {
                continue;
            }
            Assembly loaded;
            try
            {
                loaded = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                continue; // not shipped with the tests, so referenced by nothing they load
            }
            foreach (var reference in loaded.GetReferencedAssemblies())
            {
                pending.Push(reference);
            }
        }
        return reached;
    }
}
