using System.Text;
using Recsys.Model.Data;

namespace Recsys.Model.Text;

/// <summary>The tokens of a WordPiece model; a token's id is its position, as in a BERT <c>vocab.txt</c>
/// (one token a line, the id being the line number from 0). Immutable and thread-safe.</summary>
public sealed class WordPieceVocabulary
{
    public const string FileName = "vocab.txt";

    private readonly string[] tokens;
    private readonly Dictionary<string, int> ids;

    /// <exception cref="ArgumentException">A token is repeated or holds a line break, so the vocabulary could
    /// not be written as a vocab.txt.</exception>
    public WordPieceVocabulary(IEnumerable<string> tokens)
        : this(tokens.ToArray(), problem => new ArgumentException(problem, nameof(tokens)))
    {
    }

    private WordPieceVocabulary(string[] tokens, Func<string, Exception> invalid)
    {
        this.tokens = tokens;
        ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        var problem = Index();
        if (problem is not null)
        {
            throw invalid(problem);
        }

        Lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The tokens in id order.</summary>
    public IReadOnlyList<string> Tokens => tokens;

    public int Count => tokens.Length;

    /// <summary>Finds tokens by span, so that callers need not allocate a string per candidate piece.</summary>
    internal Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    /// <exception cref="DataFormatException">A token is repeated; names both lines.</exception>
    public static WordPieceVocabulary Load(string path) =>
        new(File.ReadLines(path, Encoding.UTF8).ToArray(), problem => new DataFormatException(path, null, problem));

    /// <summary>Writes one token a line, UTF-8 without a byte-order mark, as Hugging Face does.</summary>
    public void Save(string path) =>
        File.WriteAllText(path, string.Concat(tokens.Select(token => token + "\n")), new UTF8Encoding(false));

    public bool Contains(string token) => ids.ContainsKey(token);

    public bool TryGetId(ReadOnlySpan<char> token, out int id) => Lookup.TryGetValue(token, out id);

    /// <exception cref="KeyNotFoundException">The token is not in the vocabulary.</exception>
    public int GetId(string token) => ids.TryGetValue(token, out var id)
        ? id
        : throw new KeyNotFoundException($"the token '{token}' is not in the vocabulary of {Count} tokens");

    /// <returns>The problem, or null when the tokens are fine.</returns>
    private string? Index()
    {
        for (var id = 0; id < tokens.Length; id++)
        {
            if (tokens[id].AsSpan().ContainsAny('\n', '\r'))
            {
                return $"the token at line {id + 1} holds a line break";
            }

            if (!ids.TryAdd(tokens[id], id))
            {
                return $"the token '{tokens[id]}' is at lines {ids[tokens[id]] + 1} and {id + 1}; tokens must be unique";
            }
        }

        return null;
    }
}
