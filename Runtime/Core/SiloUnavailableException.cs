namespace Recsys.Runtime;

/// <summary>The silo cannot take the call: it is not started, or it is shutting down.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
