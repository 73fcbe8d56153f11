using System.Linq.Expressions;
using System.Reflection;

namespace Recsys.Runtime.Core;

/// <summary>A grain interface method as the runtime sees it: how to call it on a grain instance,
/// whether its calls may interleave, and how a proxy turns a call into a request.</summary>
internal abstract class GrainMethod
{
    protected GrainMethod(MethodInfo method)
    {
        Method = method;
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: false);
        Invoke = CompileInvoker(method);
    }

    public MethodInfo Method { get; }

    /// <summary>"IUserGrain.Track": the name used in logs, traces and errors.</summary>
    public string Name { get; }

    public bool AlwaysInterleave { get; }

    /// <summary>Calls the method on a grain instance; returns its Task or ValueTask, boxed.</summary>
    protected Func<Grain, object?[], object> Invoke { get; }

    /// <summary>Sends the call to <paramref name="target"/> and returns what the interface method
    /// returns (Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;).</summary>
    public abstract object Call(GrainRuntime runtime, GrainId target, object?[] arguments);

    public static GrainMethod Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return new GrainMethod<VoidResult>(method, returnType == typeof(ValueTask) ? ReturnShape.ValueTask : ReturnShape.Task);
        }
        if (returnType.IsGenericType)
        {
            var definition = returnType.GetGenericTypeDefinition();
            var shape = definition == typeof(Task<>) ? ReturnShape.TaskOfResult
                : definition == typeof(ValueTask<>) ? ReturnShape.ValueTaskOfResult
                : (ReturnShape?)null;
            if (shape is { } resultShape)
            {
                var closed = typeof(GrainMethod<>).MakeGenericType(returnType.GetGenericArguments()[0]);
                return (GrainMethod)Activator.CreateInstance(closed, method, resultShape)!;
            }
        }
        throw new InvalidOperationException(
            $"Grain method {method.DeclaringType?.Name}.{method.Name} returns {returnType.Name}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.");
    }

    private static Func<Grain, object?[], object> CompileInvoker(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(Grain), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        return Expression.Lambda<Func<Grain, object?[], object>>(Expression.Convert(call, typeof(object)), grain, arguments).Compile();
    }
}

internal enum ReturnShape
{
    Task,
    ValueTask,
    TaskOfResult,
    ValueTaskOfResult,
}

/// <summary>The result type of methods that return a plain Task or ValueTask.</summary>
internal readonly struct VoidResult;

internal sealed class GrainMethod<TResult>(MethodInfo method, ReturnShape shape) : GrainMethod(method)
{
    public override object Call(GrainRuntime runtime, GrainId target, object?[] arguments)
    {
        var result = runtime.SendRequest(target, this, arguments);
        return shape switch
        {
            ReturnShape.Task or ReturnShape.TaskOfResult => result,
            ReturnShape.ValueTask => new ValueTask(result),
            _ => new ValueTask<TResult>(result),
        };
    }

    /// <summary>Runs the method on the grain (inside a turn) and returns its completion.</summary>
    public Task<TResult> InvokeOn(Grain grain, object?[] arguments)
    {
        var returned = Invoke(grain, arguments);
        return shape switch
        {
            ReturnShape.TaskOfResult => (Task<TResult>)returned,
            ReturnShape.ValueTaskOfResult => ((ValueTask<TResult>)returned).AsTask(),
            ReturnShape.Task => WithoutResult((Task)returned),
            _ => WithoutResult(((ValueTask)returned).AsTask()),
        };
    }

    private static async Task<TResult> WithoutResult(Task task)
    {
        await task;
        return default!;
    }
}
