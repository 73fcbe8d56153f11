namespace Recsys.Model.Data;

/// <summary>Reported after each file an import reads.</summary>
public readonly record struct ImportProgress(int FilesRead, int FileCount, long RowsRead);
