namespace Recsys.Silo.Options;

/// <summary>Settings of the silo read from one configuration section and checked at startup.</summary>
public interface IValidatedOptions
{
    static abstract string SectionName { get; }

    /// <summary>Every problem found, each naming its full configuration key (empty: valid).</summary>
    IEnumerable<string> Validate();
}
