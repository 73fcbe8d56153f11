namespace Recsys.Model.Ranking;

/// <summary>Dense numbers 0 .. <see cref="Count"/> − 1 for string ids, in order of first appearance:
/// arrays instead of string-keyed maps in the hot loops, and the row of an id in an embedding table.</summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly List<string> ids = [];

    public int Count => ids.Count;

    /// <summary>The id's number, given the next free one when the id is new.</summary>
    public int Intern(string id)
    {
        if (!numbers.TryGetValue(id, out var number))
        {
            number = ids.Count;
            numbers.Add(id, number);
            ids.Add(id);
        }

        return number;
    }

    public bool TryGetNumber(string id, out int number) => numbers.TryGetValue(id, out number);

    public string IdOf(int number) => ids[number];
}
