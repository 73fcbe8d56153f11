namespace Recsys.Silo.Options;

/// <summary>Where the silo serves HTTP (configuration section "Recsys", e.g. RECSYS__PORT).</summary>
public sealed class ServeOptions : IValidatedOptions
{
    public static string SectionName => "Recsys";

    /// <summary>The HTTP port; 0 picks a free one (see <see cref="RecsysSilo.GetListeningUri"/>).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>True (default): listen on 127.0.0.1 only. False: on every interface, which needs API keys
    /// (Recsys:Security) or an explicit Recsys:Security:AllowAnonymous.</summary>
    public bool LoopbackOnly { get; set; } = true;

    public IEnumerable<string> Validate()
    {
        if (Port is < 0 or > 65535)
        {
            yield return $"{SectionName}:{nameof(Port)} must be between 0 and 65535 (was {Port}).";
        }
    }
}
