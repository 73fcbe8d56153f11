using System.Reflection;
using System.Text;
using Orleans.Metadata;
using Orleans.Serialization;
using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Grains.Users;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Tests;

/// <summary>What crosses a grain call or is stored is named by stable aliases, never by .NET type names,
/// so that renaming or moving a C# type breaks neither a rolling upgrade nor stored state.</summary>
public sealed class SerializationTests : IClassFixture<SerializationTests.Cluster>
{
    private static readonly Assembly[] OurAssemblies = [typeof(IUserGrain).Assembly, typeof(UserGrain).Assembly, typeof(RepeatProfile).Assembly];

    private readonly RecsysTestCluster _silo;

    public SerializationTests(Cluster cluster) => _silo = cluster.Silo;

    [Fact]
    public void EveryTypeThatCrossesAGrainCallOrIsStoredHasAStableAlias()
    {
        var types = new HashSet<Type>();
        foreach (var method in GrainInterfaces().SelectMany(i => i.GetMethods()))
        {
            Collect(method.ReturnType, types);
            foreach (var parameter in method.GetParameters())
            {
                Collect(parameter.ParameterType, types);
            }
        }
        foreach (var grain in GrainClasses())
        {
            foreach (var parameter in grain.GetConstructors().SelectMany(c => c.GetParameters())
                         .Where(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>)))
            {
                Collect(parameter.ParameterType.GetGenericArguments()[0], types);
            }
        }

        var ours = types.Where(t => OurAssemblies.Contains(t.Assembly)).ToList();
        Assert.Contains(typeof(UserEvent), ours);
        Assert.Contains(typeof(UserState), ours);
        Assert.Contains(typeof(RepeatProfile), ours);
        Assert.All(ours, type =>
        {
            Assert.True(type.GetCustomAttribute<GenerateSerializerAttribute>() is not null, $"{type} has no [GenerateSerializer]");
            Assert.True(type.GetCustomAttribute<AliasAttribute>()?.Alias.StartsWith("recsys.", StringComparison.Ordinal) == true, $"{type} has no [Alias(\"recsys....\")]");
        });
        var aliases = OurAssemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.Namespace?.StartsWith("Recsys.", StringComparison.Ordinal) == true)
            .Select(t => t.GetCustomAttribute<AliasAttribute>()?.Alias).OfType<string>().ToList();
        Assert.Empty(aliases.GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void GrainInterfacesMethodsAndGrainClassesHaveStableNames()
    {
        Assert.All(GrainInterfaces(), grainInterface =>
        {
            Assert.NotNull(grainInterface.GetCustomAttribute<AliasAttribute>());
            Assert.All(grainInterface.GetMethods(), method => Assert.True(method.GetCustomAttribute<AliasAttribute>() is not null, $"{grainInterface.Name}.{method.Name} has no [Alias]"));
        });
        Assert.All(GrainClasses(), grain => Assert.True(grain.GetCustomAttribute<GrainTypeAttribute>() is not null, $"{grain.Name} has no [GrainType]"));

        Assert.Equal("recsys.IUserGrain", _silo.Service<GrainInterfaceTypeResolver>().GetGrainInterfaceType(typeof(IUserGrain)).ToString());
        Assert.Equal("user", _silo.Service<GrainTypeResolver>().GetGrainType(typeof(UserGrain)).ToString());
    }

    [Fact]
    public void TheWireNamesTypesByAliasNotByTheirDotNetName()
    {
        var serializer = _silo.Service<Serializer>();

        var bytes = Encoding.UTF8.GetString(serializer.SerializeToArray<object>(Events.Purchase("u", "A", "b") with { PromotionIds = ["XMAS"] }));

        Assert.Contains("recsys.UserEvent", bytes);
        Assert.DoesNotContain(typeof(UserEvent).FullName!, bytes);
    }

    [Fact]
    public void ContractValuesRoundTripThroughTheOrleansSerializer()
    {
        var serializer = _silo.Service<Serializer>();
        var userEvent = Events.Purchase("u", "A", "b") with { PromotionIds = ["XMAS", "SPRING"], Device = "mobile", Price = 2.5 };
        var list = new RecommendationList
        {
            UserId = "u",
            At = Events.Start,
            Scene = new SceneContext { Location = "France", PromotionIds = ["XMAS"] },
            Items = [new RecommendedItem { ItemId = "A", Score = 1, Source = RecommendationSource.Repeat, Reason = "bought before" }],
            Strategy = "baseline-mix/1",
        };
        var violation = new ContractViolationException([new FieldError("events[0].timestamp", "is missing.")]);

        var eventCopy = serializer.Deserialize<UserEvent>(serializer.SerializeToArray(userEvent))!;
        var listCopy = serializer.Deserialize<RecommendationList>(serializer.SerializeToArray(list))!;
        var violationCopy = serializer.Deserialize<ContractViolationException>(serializer.SerializeToArray(violation))!;

        Assert.Equal(userEvent with { PromotionIds = null }, eventCopy with { PromotionIds = null });
        Assert.Equal(["XMAS", "SPRING"], eventCopy.PromotionIds!);
        Assert.Equal("A", Assert.Single(listCopy.Items).ItemId);
        Assert.Equal(["XMAS"], listCopy.Scene.PromotionIds);
        Assert.Equal("events[0].timestamp", Assert.Single(violationCopy.Errors).Field);
        Assert.Equal(violation.Message, violationCopy.Message);
    }

    private static IEnumerable<Type> GrainInterfaces() =>
        OurAssemblies.SelectMany(a => a.GetTypes()).Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t));

    private static IEnumerable<Type> GrainClasses() =>
        OurAssemblies.SelectMany(a => a.GetTypes()).Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t));

    /// <summary>The type, its generic arguments and element types, and, for our serializable types, the
    /// types of their serialized members.</summary>
    private static void Collect(Type type, HashSet<Type> found)
    {
        if (!found.Add(type))
        {
            return;
        }
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Collect(argument, found);
        }
        if (type.GetElementType() is { } element)
        {
            Collect(element, found);
        }
        if (OurAssemblies.Contains(type.Assembly))
        {
            foreach (var member in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                         .Where(p => p.GetCustomAttribute<IdAttribute>() is not null))
            {
                Collect(member.PropertyType, found);
            }
            foreach (var parameter in type.GetConstructors().SelectMany(c => c.GetParameters()))
            {
                Collect(parameter.ParameterType, found);
            }
        }
    }

    public sealed class Cluster : IAsyncLifetime
    {
        public RecsysTestCluster Silo { get; private set; } = null!;

        public async Task InitializeAsync() => Silo = await RecsysTestCluster.StartAsync();

        public async Task DisposeAsync() => await Silo.DisposeAsync();
    }
}
