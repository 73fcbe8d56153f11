namespace Recsys.Runtime;

/// <summary>A state write or delete was refused because the stored version's ETag differs from the
/// one the writer read: somebody else wrote in between.</summary>
public sealed class InconsistentStateException(string message, string? storedEtag, string? expectedEtag)
    : Exception(message)
{
    public string? StoredEtag { get; } = storedEtag;

    public string? ExpectedEtag { get; } = expectedEtag;
}
