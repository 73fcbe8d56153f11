namespace Recsys.Model.Data;

/// <summary>A row an import skipped, and why.</summary>
public sealed record ImportIssue(string File, long Line, string Problem)
{
    public override string ToString() => $"{File}:{Line}: {Problem}";
}
