using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Recsys.Runtime.Serialization;
using Recsys.Runtime.Storage;

namespace Recsys.Runtime.Core;

/// <summary>A grain implementation class: its type name, concurrency and lifetime settings, and how
/// to construct it (services from dependency injection, persistent states from storage providers).</summary>
internal sealed class GrainClass
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<IServiceProvider, GrainId, object>[] _arguments;

    public GrainClass(Type classType)
    {
        ClassType = classType;
        TypeName = TypeNameOf(classType);
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: true);
        MaxLocalWorkers = classType.GetCustomAttribute<StatelessWorkerAttribute>(inherit: true)?.MaxLocalWorkers;
        CollectionAge = classType.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: true)?.Age;
        var constructors = classType.GetConstructors();
        _constructor = constructors.Length == 1
            ? constructors[0]
            : throw new InvalidOperationException($"Grain class {classType.Name} must have exactly one public constructor; it has {constructors.Length}.");
        var parameters = _constructor.GetParameters();
        StorageNames = [.. parameters.Select(p => p.GetCustomAttribute<PersistentStateAttribute>()?.StorageName).OfType<string>().Distinct()];
        _arguments = [.. parameters.Select(ArgumentFactory)];
    }

    public Type ClassType { get; }

    /// <summary>The class name without its "Grain" suffix, lower-cased: UserGrain → "user".</summary>
    public string TypeName { get; }

    public bool IsReentrant { get; }

    public int? MaxLocalWorkers { get; }

    public TimeSpan? CollectionAge { get; }

    public IReadOnlyList<string> StorageNames { get; }

    public static string TypeNameOf(Type classType)
    {
        var name = classType.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }
        return name.ToLowerInvariant();
    }

    public (Grain Grain, IReadOnlyList<IStateLoader> States) Construct(IActivationContext context, IServiceProvider services)
    {
        var arguments = new object[_arguments.Length];
        List<IStateLoader> states = [];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _arguments[i](services, context.GrainId);
            if (arguments[i] is IStateLoader state)
            {
                states.Add(state);
            }
        }
        var grain = ActivationContextScope.Construct(context,
            () => (Grain)_constructor.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null));
        return (grain, states);
    }

    private Func<IServiceProvider, GrainId, object> ArgumentFactory(ParameterInfo parameter)
    {
        var stateAttribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (stateAttribute is null)
        {
            return (services, _) => services.GetService(parameter.ParameterType)
                ?? throw new InvalidOperationException(
                    $"Grain {ClassType.Name} needs a {parameter.ParameterType.Name} ('{parameter.Name}'), but no such service is registered.");
        }
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new InvalidOperationException(
                $"[PersistentState] on {ClassType.Name}'s parameter '{parameter.Name}' needs type IPersistentState<T>, not {type.Name}.");
        }
        var stateType = typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments()[0]);
        return (services, grainId) => Activator.CreateInstance(stateType,
            grainId,
            stateAttribute.StateName,
            services.GetRequiredKeyedService<IGrainStorage>(stateAttribute.StorageName),
            services.GetRequiredService<IGrainStateSerializer>())!;
    }
}
