namespace Recsys.Grains.Interfaces;

/// <summary>The service refused work it could not take on without falling behind (a full inference queue); the
/// HTTP gateway answers 503 with Retry-After, and a caller may try again shortly.</summary>
[GenerateSerializer]
[Alias("recsys.ServiceOverloadedException")]
public sealed class ServiceOverloadedException : Exception
{
    public ServiceOverloadedException(string message)
        : base(message)
    {
    }

    /// <summary>For the serializer, which sets the message itself.</summary>
    public ServiceOverloadedException()
        : this("The service is overloaded.")
    {
    }
}
