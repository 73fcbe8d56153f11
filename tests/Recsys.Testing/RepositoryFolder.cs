namespace Recsys.Testing;

/// <summary>The checkout the tests run from, found by walking up from the test assembly to the solution file.</summary>
public static class RepositoryFolder
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "Recsys.Orleans.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Recsys.Orleans.sln above {AppContext.BaseDirectory}: the tests run from a checkout.");
    }
}
