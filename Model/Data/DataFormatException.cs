namespace Recsys.Model.Data;

/// <summary>An input file is malformed at a known place.</summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string file, long? line, string problem)
        : base(line is null ? $"{file}: {problem}" : $"{file}:{line}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based line number, when the problem is on one line.</summary>
    public long? Line { get; }

    public string Problem { get; }
}
