using System.Runtime.InteropServices;
using System.Text;

namespace Recsys.Model.Text;

/// <summary>Learns a WordPiece vocabulary from a catalog's texts, the way Hugging Face's WordPiece trainer does:
/// byte-pair-encoding merges of the most frequent adjacent pieces inside words. Ours: Microsoft.ML.Tokenizers
/// trains no WordPiece vocabulary.</summary>
/// <remarks>
/// <list type="number">
/// <item>The texts are split into words by <see cref="BasicTokenizer"/> with the tokenizer's settings, and the
/// words counted.</item>
/// <item>The alphabet is the <see cref="WordPieceTrainerOptions.AlphabetLimit"/> most frequent characters (ties: the
/// lower code point). The vocabulary starts with the special tokens (<see cref="BertTokenizerOptions.SpecialTokens"/>),
/// then every alphabet character, then the continuation form <c>##c</c> of every alphabet character that can be
/// inside a word (not punctuation, not a CJK ideograph that is split off), both in code point order. Every word
/// made of alphabet characters can therefore be tokenized, including words never seen in training.</item>
/// <item>Each such word is a sequence of pieces: its first character, then continuation characters. The most
/// frequent adjacent pair of pieces (counted over word frequencies; ties: the pair whose left, then right piece
/// has the lower id) is merged everywhere into a new token, the left piece followed by the right one without its
/// <c>##</c>; repeatedly, until the vocabulary has <see cref="WordPieceTrainerOptions.VocabularySize"/> tokens or
/// the best pair is seen fewer than <see cref="WordPieceTrainerOptions.MinFrequency"/> times. A merge whose token
/// is already in the vocabulary adds nothing to it.</item>
/// </list>
/// The result depends on the texts, not on their order. Pair counts are kept up to date incrementally: a merge
/// recounts only the words that hold the merged pair.
/// </remarks>
public static class WordPieceTrainer
{
    public static WordPieceVocabulary Train(IEnumerable<string> texts, WordPieceTrainerOptions? options = null)
    {
        options ??= new WordPieceTrainerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.AlphabetLimit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MinFrequency);
        var wordCounts = CountWords(texts, new BasicTokenizer(options.Tokenizer));
        var alphabet = ChooseAlphabet(wordCounts, options.AlphabetLimit);
        var merger = new PairMerger(options.Tokenizer.SpecialTokens);
        foreach (var character in alphabet)
        {
            merger.AddToken(character.ToString());
        }

        foreach (var character in alphabet.Where(character => CanBeInsideWord(character, options.Tokenizer)))
        {
            merger.AddToken(WordPieceVocabulary.ContinuationPrefix + character);
        }

        var alphabetSet = alphabet.ToHashSet();
        foreach (var (word, count) in wordCounts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (word.EnumerateRunes().All(alphabetSet.Contains))
            {
                merger.AddWord(word, count);
            }
        }

        merger.Merge(options.VocabularySize, options.MinFrequency);
        return new WordPieceVocabulary(merger.Tokens);
    }

    private static Dictionary<string, long> CountWords(IEnumerable<string> texts, BasicTokenizer basic)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var words = new List<string>();
        foreach (var text in texts)
        {
            words.Clear();
            basic.Split(text, words);
            foreach (var word in words)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, word, out _)++;
            }
        }

        return counts;
    }

    /// <returns>The most frequent characters, in code point order.</returns>
    private static List<Rune> ChooseAlphabet(Dictionary<string, long> wordCounts, int limit)
    {
        var counts = new Dictionary<Rune, long>();
        foreach (var (word, count) in wordCounts)
        {
            foreach (var character in word.EnumerateRunes())
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, character, out _) += count;
            }
        }

        return counts
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key)
            .Take(limit)
            .Select(pair => pair.Key)
            .Order()
            .ToList();
    }

    /// <summary>Punctuation, and CJK ideographs when they are split off, are always words of their own.</summary>
    private static bool CanBeInsideWord(Rune character, BertTokenizerOptions tokenizer) =>
        !BertCharacters.IsPunctuation(character) && !(tokenizer.TokenizeChineseChars && BertCharacters.IsCjkIdeograph(character));

    /// <summary>The tokens so far and the words as sequences of token ids, with the count of every adjacent pair.</summary>
    private sealed class PairMerger
    {
        private readonly List<string> tokens = [];
        private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
        private readonly List<List<int>> words = [];
        private readonly List<long> wordCounts = [];
        private readonly Dictionary<long, long> pairCounts = [];

        /// <summary>The words that held a pair when it was counted; some may no longer hold it.</summary>
        private readonly Dictionary<long, HashSet<int>> pairWords = [];

        /// <summary>Pairs by count, highest first, then by left and right id. An entry is stale, and skipped, when
        /// its count is no longer the pair's: every change of a count queues the new one.</summary>
        private readonly PriorityQueue<long, (long NegatedCount, long Pair)> queue = new();

        private readonly HashSet<long> changedPairs = [];

        public PairMerger(IEnumerable<string> specialTokens)
        {
            foreach (var token in specialTokens)
            {
                AddToken(token);
            }
        }

        public IReadOnlyList<string> Tokens => tokens;

        public int AddToken(string token)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, token, out var exists);
            if (!exists)
            {
                id = tokens.Count;
                tokens.Add(token);
            }

            return id;
        }

        /// <summary>Adds a word whose characters all have tokens.</summary>
        public void AddWord(string word, long count)
        {
            var pieces = word.EnumerateRunes()
                .Select((character, index) => ids[index == 0 ? character.ToString() : WordPieceVocabulary.ContinuationPrefix + character])
                .ToList();
            words.Add(pieces);
            wordCounts.Add(count);
            CountPairs(words.Count - 1, sign: 1);
            QueueChangedPairs();
        }

        public void Merge(int vocabularySize, int minFrequency)
        {
            while (tokens.Count < vocabularySize && queue.TryDequeue(out var pair, out var priority))
            {
                var count = pairCounts.GetValueOrDefault(pair);
                if (count != -priority.NegatedCount)
                {
                    continue;
                }

                if (count < minFrequency)
                {
                    return;
                }

                var (left, right) = Split(pair);
                var merged = AddToken(tokens[left] + tokens[right][WordPieceVocabulary.ContinuationPrefix.Length..]);
                pairWords.Remove(pair, out var holders);
                foreach (var word in holders!)
                {
                    CountPairs(word, sign: -1);
                    MergeInWord(words[word], left, right, merged);
                    CountPairs(word, sign: 1);
                }

                QueueChangedPairs();
            }
        }

        /// <summary>Replaces the pair by the merged token, left to right, without overlaps.</summary>
        private static void MergeInWord(List<int> pieces, int left, int right, int merged)
        {
            var kept = 0;
            for (var i = 0; i < pieces.Count; i++)
            {
                var isPair = i + 1 < pieces.Count && pieces[i] == left && pieces[i + 1] == right;
                pieces[kept++] = isPair ? merged : pieces[i];
                i += isPair ? 1 : 0;
            }

            pieces.RemoveRange(kept, pieces.Count - kept);
        }

        private void CountPairs(int word, int sign)
        {
            var pieces = words[word];
            for (var i = 0; i + 1 < pieces.Count; i++)
            {
                var pair = ((long)pieces[i] << 32) | (uint)pieces[i + 1];
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, pair, out _);
                count += sign * wordCounts[word];
                changedPairs.Add(pair);
                if (sign > 0)
                {
                    ref var holders = ref CollectionsMarshal.GetValueRefOrAddDefault(pairWords, pair, out _);
                    (holders ??= []).Add(word);
                }
            }
        }

        private void QueueChangedPairs()
        {
            foreach (var pair in changedPairs)
            {
                var count = pairCounts[pair];
                if (count > 0)
                {
                    queue.Enqueue(pair, (-count, pair));
                }
                else
                {
                    pairCounts.Remove(pair);
                }
            }

            changedPairs.Clear();
        }

        private static (int Left, int Right) Split(long pair) => ((int)(pair >> 32), (int)(uint)pair);
    }
}
