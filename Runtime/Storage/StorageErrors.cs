namespace Recsys.Runtime.Storage;

internal static class StorageErrors
{
    public static InconsistentStateException EtagMismatch(GrainId grainId, string stateName, string operation, string? storedEtag, string? expectedEtag) =>
        new($"Refused to {operation} state '{stateName}' of grain {grainId}: it was read at version {expectedEtag ?? "(none)"} but the stored version is {storedEtag ?? "(none)"}.",
            storedEtag, expectedEtag);
}
