namespace Recsys.Silo.Options;

/// <summary>The Orleans dashboard for operators (configuration section "Recsys:Dashboard"): grains,
/// silos, call rates and errors in a browser. Off by default; it shows grain state, so expose it only
/// to operators.</summary>
public sealed class DashboardSettings : IValidatedOptions
{
    public static string SectionName => "Recsys:Dashboard";

    public bool Enabled { get; set; }

    /// <summary>Where it is served on the silo's HTTP port.</summary>
    public string Path { get; set; } = "/dashboard";

    public IEnumerable<string> Validate()
    {
        if (Enabled && (string.IsNullOrWhiteSpace(Path) || !Path.StartsWith('/') || Path.Length < 2))
        {
            yield return $"{SectionName}:{nameof(Path)} must be a path such as /dashboard (was '{Path}').";
        }
    }
}
