using System.Buffers;
using LibraryWordPiece = Microsoft.ML.Tokenizers.WordPieceTokenizer;
using LibraryWordPieceOptions = Microsoft.ML.Tokenizers.WordPieceOptions;

namespace Recsys.Model.Text;

/// <summary>Turns text into the input of a BERT model exactly as Hugging Face's <c>BertTokenizer</c> does with the
/// same vocabulary and settings: special tokens written in the text are kept whole, the rest goes through
/// <see cref="BasicTokenizer"/> then WordPiece; sequences are <c>[CLS] pieces [SEP]</c>, cut to the maximum length
/// (the pieces are cut, <c>[SEP]</c> stays) and padded on the right. Thread-safe.</summary>
/// <remarks>
/// WordPiece, the split of each word into the longest vocabulary pieces, is Microsoft.ML.Tokenizers'
/// <see cref="LibraryWordPiece"/>: it gives Hugging Face's pieces for every word. The rest stays ours because the
/// library's <c>BertTokenizer</c> does not give Hugging Face's result (README, "Text tokenization"): its normalizer
/// strips accents with <see cref="string.Normalize()"/>, which invariant globalization leaves a no-op ("Café"
/// becomes [UNK]), deletes tabs and line breaks instead of separating words, and keeps format characters; its
/// pre-tokenizer (<c>\w+|\p{P}</c>) drops symbols such as + and £ and keeps _ inside words; it matches special
/// tokens after lower-casing (so "[cls]" too); and it truncates at word boundaries where Hugging Face cuts pieces.
/// It has no batches, padding or attention masks either.
/// </remarks>
public sealed class BertTokenizer
{
    private readonly BasicTokenizer basic;
    private readonly LibraryWordPiece wordPiece;

    /// <summary>The special tokens, longest first, so that the longest one matching at a position wins.</summary>
    private readonly (string Token, int Id)[] specialTokens;

    private readonly SearchValues<char> specialTokenStarts;

    /// <exception cref="ArgumentException">A special token is empty or not in the vocabulary.</exception>
    public BertTokenizer(WordPieceVocabulary vocabulary, BertTokenizerOptions? options = null)
    {
        Vocabulary = vocabulary;
        Options = options ?? new BertTokenizerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.MaxInputCharsPerWord, nameof(options));
        basic = new BasicTokenizer(Options);
        specialTokens = Options.SpecialTokens
            .Distinct(StringComparer.Ordinal)
            .Select(token => (Token: token, Id: RequireId(token)))
            .OrderByDescending(special => special.Token.Length)
            .ThenBy(special => special.Token, StringComparer.Ordinal)
            .ToArray();
        specialTokenStarts = SearchValues.Create(specialTokens.Select(special => special.Token[0]).Distinct().ToArray());
        UnknownId = RequireId(Options.UnknownToken);
        ClassifierId = RequireId(Options.ClassifierToken);
        SeparatorId = RequireId(Options.SeparatorToken);
        PaddingId = RequireId(Options.PaddingToken);
        MaskId = RequireId(Options.MaskToken);
        wordPiece = CreateWordPiece(vocabulary, Options);
    }

    public WordPieceVocabulary Vocabulary { get; }

    public BertTokenizerOptions Options { get; }

    public int UnknownId { get; }

    public int ClassifierId { get; }

    public int SeparatorId { get; }

    public int PaddingId { get; }

    public int MaskId { get; }

    /// <summary>Reads a checkpoint directory's <c>vocab.txt</c> and, when there is one, its
    /// <c>tokenizer_config.json</c> (else the defaults: uncased, like <c>bert-base-uncased</c>).</summary>
    /// <exception cref="Data.DataFormatException">A file is malformed.</exception>
    public static BertTokenizer Load(string directory)
    {
        var configPath = Path.Combine(directory, BertTokenizerOptions.FileName);
        var options = File.Exists(configPath) ? BertTokenizerOptions.Load(configPath) : new BertTokenizerOptions();
        return new BertTokenizer(WordPieceVocabulary.Load(Path.Combine(directory, WordPieceVocabulary.FileName)), options);
    }

    /// <summary>The pieces of the text, without special tokens, truncation or padding.</summary>
    public List<string> Tokenize(string text) => TokenizeToIds(text).Select(id => Vocabulary.Tokens[id]).ToList();

    /// <summary>The ids of the text's pieces, without special tokens, truncation or padding.</summary>
    public List<int> TokenizeToIds(ReadOnlySpan<char> text)
    {
        var ids = new List<int>();
        TokenizeToIds(text, ids);
        return ids;
    }

    /// <summary>Appends the ids of the text's pieces to <paramref name="ids"/>.</summary>
    public void TokenizeToIds(ReadOnlySpan<char> text, List<int> ids)
    {
        var words = new List<string>();
        while (!text.IsEmpty)
        {
            var (start, length, id) = FindSpecialToken(text);
            basic.Split(text[..start], words);
            foreach (var word in words)
            {
                AddPieces(word, ids);
            }

            words.Clear();
            if (length == 0)
            {
                return;
            }

            ids.Add(id);
            text = text[(start + length)..];
        }
    }

    /// <param name="maxLength">The longest sequence, special tokens included.</param>
    /// <param name="padding"><see cref="Padding.Longest"/> leaves a single text unpadded.</param>
    /// <exception cref="ArgumentOutOfRangeException">The maximum length is below 2 or above the model's.</exception>
    public BertEncoding Encode(string text, int maxLength, Padding padding = Padding.Longest)
    {
        var batch = EncodeBatch([text], maxLength, padding);
        return new BertEncoding(
            batch.InputIds.Select(id => Vocabulary.Tokens[(int)id]).ToList(),
            batch.InputIds.Select(id => (int)id).ToList(),
            batch.AttentionMask.Select(mask => (int)mask).ToList(),
            batch.TokenTypeIds.Select(type => (int)type).ToList());
    }

    /// <param name="maxLength">The longest sequence, special tokens included.</param>
    /// <exception cref="ArgumentOutOfRangeException">The maximum length is below 2 or above the model's.</exception>
    public BertBatch EncodeBatch(IReadOnlyList<string> texts, int maxLength, Padding padding = Padding.Longest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (Options.ModelMaxLength is { } modelMaxLength)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLength, modelMaxLength);
        }

        var pieces = texts.Select(text => TokenizeToIds(text)).ToArray();
        var maxPieces = maxLength - 2;
        var length = padding == Padding.MaxLength || pieces.Length == 0
            ? maxLength
            : Math.Min(pieces.Max(ids => ids.Count), maxPieces) + 2;
        var inputIds = new long[pieces.Length * length];
        var attentionMask = new long[inputIds.Length];
        Array.Fill(inputIds, PaddingId);
        for (var row = 0; row < pieces.Length; row++)
        {
            var sequence = inputIds.AsSpan(row * length, length);
            var kept = Math.Min(pieces[row].Count, maxPieces);
            sequence[0] = ClassifierId;
            for (var i = 0; i < kept; i++)
            {
                sequence[i + 1] = pieces[row][i];
            }

            sequence[kept + 1] = SeparatorId;
            attentionMask.AsSpan(row * length, kept + 2).Fill(1);
        }

        return new BertBatch(pieces.Length, length, inputIds, attentionMask, new long[inputIds.Length]);
    }

    /// <summary>The library counts a word's length in UTF-16 units, Hugging Face in code points, so it gets twice
    /// the limit (no word within the limit has more units) and longer words are turned away here.</summary>
    private static LibraryWordPiece CreateWordPiece(WordPieceVocabulary vocabulary, BertTokenizerOptions options)
    {
        using var file = new MemoryStream();
        vocabulary.Write(file);
        file.Position = 0;
        return LibraryWordPiece.Create(file, new LibraryWordPieceOptions
        {
            UnknownToken = options.UnknownToken,
            ContinuingSubwordPrefix = WordPieceVocabulary.ContinuationPrefix,
            MaxInputCharsPerWord = checked(2 * options.MaxInputCharsPerWord),
        });
    }

    /// <summary>Appends the ids of one word's pieces: the unknown token when the word is longer than the limit or
    /// cannot be split completely.</summary>
    private void AddPieces(string word, List<int> ids)
    {
        // A word has no more code points than UTF-16 units, so a word within the limit in units needs no counting.
        if (word.Length > Options.MaxInputCharsPerWord && CountCodePoints(word) > Options.MaxInputCharsPerWord)
        {
            ids.Add(UnknownId);
            return;
        }

        ids.AddRange(wordPiece.EncodeToIds(word, considerPreTokenization: false, considerNormalization: false));
    }

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <returns>The leftmost special token in the text, or (text length, 0, -1) when there is none.</returns>
    private (int Start, int Length, int Id) FindSpecialToken(ReadOnlySpan<char> text)
    {
        for (var start = text.IndexOfAny(specialTokenStarts); start >= 0;)
        {
            foreach (var (token, id) in specialTokens)
            {
                if (text[start..].StartsWith(token, StringComparison.Ordinal))
                {
                    return (start, token.Length, id);
                }
            }

            var next = text[(start + 1)..].IndexOfAny(specialTokenStarts);
            start = next < 0 ? -1 : start + 1 + next;
        }

        return (text.Length, 0, -1);
    }

    private int RequireId(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new ArgumentException("a special token is empty: it would match everywhere in a text");
        }

        return Vocabulary.TryGetId(token, out var id)
            ? id
            : throw new ArgumentException($"the special token '{token}' is not in the vocabulary of {Vocabulary.Count} tokens");
    }
}
