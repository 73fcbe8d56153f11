using System.Collections.Concurrent;
using System.Reflection;

namespace Recsys.Runtime.Core;

/// <summary>Which class implements each grain interface, found by scanning the assemblies added with
/// <see cref="Hosting.RuntimeBuilderExtensions.AddGrains"/>.</summary>
internal sealed class GrainTypeRegistry
{
    private static readonly HashSet<Type> MarkerInterfaces =
        [typeof(IGrain), typeof(IGrainWithStringKey), typeof(IGrainWithIntegerKey), typeof(IGrainWithGuidKey)];

    private readonly Dictionary<Type, GrainClass> _byInterface = [];
    private readonly Dictionary<string, GrainClass> _byTypeName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _ambiguous = [];
    private readonly ConcurrentDictionary<MethodInfo, GrainMethod> _methods = new();

    public GrainTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        var classes = assemblies.Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && typeof(Grain).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in classes)
        {
            var grainClass = new GrainClass(type);
            if (!_byTypeName.TryAdd(grainClass.TypeName, grainClass))
            {
                throw new InvalidOperationException(
                    $"Grain classes {_byTypeName[grainClass.TypeName].ClassType.FullName} and {type.FullName} share the type name '{grainClass.TypeName}'.");
            }
            foreach (var grainInterface in type.GetInterfaces().Where(IsGrainInterface))
            {
                if (!_byInterface.TryAdd(grainInterface, grainClass))
                {
                    // A shared base interface: references must name the specific interface instead.
                    _ambiguous[grainInterface] = $"{_byInterface[grainInterface].ClassType.Name}, {type.Name}";
                }
                foreach (var method in grainInterface.GetMethods())
                {
                    _methods[method] = GrainMethod.Create(method);
                }
            }
        }
    }

    public IEnumerable<GrainClass> Classes => _byTypeName.Values;

    public GrainClass ForInterface(Type grainInterface) =>
        _ambiguous.TryGetValue(grainInterface, out var classes)
            ? throw new InvalidOperationException(
                $"Grain interface {grainInterface.Name} is implemented by several classes ({classes}); get the grain through an interface only one of them implements.")
            : _byInterface.TryGetValue(grainInterface, out var grainClass)
                ? grainClass
                : throw new InvalidOperationException(
                    $"No grain class implements {grainInterface.Name}; add its assembly with AddGrains(...).");

    public GrainClass ForTypeName(string typeName) =>
        _byTypeName.TryGetValue(typeName, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"No grain class has the type name '{typeName}'.");

    public GrainMethod Method(MethodInfo method) =>
        _methods.TryGetValue(method, out var grainMethod)
            ? grainMethod
            : _methods.GetOrAdd(method, GrainMethod.Create);

    private static bool IsGrainInterface(Type type) =>
        typeof(IGrain).IsAssignableFrom(type) && !MarkerInterfaces.Contains(type);
}
