namespace Recsys.Serving;

/// <summary>A checkpoint that cannot be served on this silo, with the reason in its message; the model served before
/// (if any) keeps answering.</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : Exception(message, inner);
