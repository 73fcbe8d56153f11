namespace Recsys.Runtime.Tests;

public sealed class ProfileState
{
    public string? Name { get; set; }

    public List<string> History { get; set; } = [];
}
