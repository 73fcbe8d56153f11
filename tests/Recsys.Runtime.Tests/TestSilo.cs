using Microsoft.Extensions.DependencyInjection;
using Recsys.Runtime.Hosting;

namespace Recsys.Runtime.Tests;

/// <summary>The test grains of this assembly on an <see cref="InProcessSilo"/> (memory storage unless
/// told otherwise).</summary>
internal static class TestSilo
{
    public static Task<InProcessSilo> StartAsync(
        Action<IRuntimeBuilder>? storage = null,
        Action<RuntimeOptions>? options = null) =>
        InProcessSilo.StartAsync(builder =>
        {
            builder.AddGrains(typeof(TestSilo).Assembly);
            (storage ?? (b => b.AddMemoryGrainStorage()))(builder);
            builder.Services.AddSingleton<ActivationLog>();
        }, options);

    public static T Service<T>(this InProcessSilo silo) where T : notnull => silo.Services.GetRequiredService<T>();
}
