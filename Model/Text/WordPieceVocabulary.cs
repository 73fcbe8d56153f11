using System.Buffers;
using System.Text;
using Recsys.Model.Data;

namespace Recsys.Model.Text;

/// <summary>The tokens of a WordPiece model; a token's id is its position, as in a BERT <c>vocab.txt</c>
/// (one token a line, the id being the line number from 0). Immutable and thread-safe.</summary>
public sealed class WordPieceVocabulary
{
    public const string FileName = "vocab.txt";

    /// <summary>Starts the tokens that continue a word rather than begin it.</summary>
    public const string ContinuationPrefix = "##";

    private readonly string[] tokens;
    private readonly Dictionary<string, int> ids;

    /// <summary>Finds tokens by span, so that callers need not allocate a string per candidate.</summary>
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;

    /// <exception cref="ArgumentException">A token is repeated, holds a line break or a lone surrogate, so the
    /// vocabulary could not be written as a vocab.txt.</exception>
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

        lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The tokens in id order.</summary>
    public IReadOnlyList<string> Tokens => tokens;

    public int Count => tokens.Length;

    /// <exception cref="DataFormatException">A token is repeated; names both lines.</exception>
    public static WordPieceVocabulary Load(string path) =>
        new(File.ReadLines(path, Encoding.UTF8).ToArray(), problem => new DataFormatException(path, null, problem));

    /// <summary>Writes one token a line, UTF-8 without a byte-order mark, as Hugging Face does.</summary>
    public void Save(string path)
    {
        using var file = File.Create(path);
        Write(file);
    }

    /// <summary>Writes the vocab.txt to a stream, which is left open.</summary>
    internal void Write(Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        foreach (var token in tokens)
        {
            writer.WriteLine(token);
        }
    }

    public bool Contains(string token) => ids.ContainsKey(token);

    public bool TryGetId(ReadOnlySpan<char> token, out int id) => lookup.TryGetValue(token, out id);

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

            if (HasLoneSurrogate(tokens[id]))
            {
                return $"the token at line {id + 1} holds a lone surrogate, which UTF-8 cannot hold";
            }

            if (!ids.TryAdd(tokens[id], id))
            {
                return $"the token '{tokens[id]}' is at lines {ids[tokens[id]] + 1} and {id + 1}; tokens must be unique";
            }
        }

        return null;
    }

    private static bool HasLoneSurrogate(ReadOnlySpan<char> token)
    {
        while (!token.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(token, out _, out var used) != OperationStatus.Done)
            {
                return true;
            }

            token = token[used..];
        }

        return false;
    }
}
