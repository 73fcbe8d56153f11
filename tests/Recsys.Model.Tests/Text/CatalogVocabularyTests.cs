using System.Diagnostics;
using Recsys.Model.Tests.Support;
using Recsys.Model.Text;

namespace Recsys.Model.Tests.Text;

/// <summary>The vocabulary builder and the tokenizer on the Online Retail catalog's titles (about 4,000).</summary>
[Collection(OnlineRetailCollection.Name)]
public sealed class CatalogVocabularyTests(OnlineRetailFixture retail)
{
    private List<string> Titles => retail.Data.Catalog.Select(item => item.Title).ToList();

    [SkippableFact]
    public void Training_is_deterministic_and_independent_of_the_catalog_order()
    {
        var titles = Titles;

        var first = WordPieceTrainer.Train(titles);
        var again = WordPieceTrainer.Train(Enumerable.Reverse(titles));

        Assert.Equal(first.Tokens, again.Tokens);
    }

    [SkippableFact]
    public void Titles_not_seen_in_training_have_almost_no_unknown_pieces()
    {
        var titles = Titles;
        var training = titles.Where((_, index) => index % 2 == 0);
        var heldOut = titles.Where((_, index) => index % 2 == 1).ToList();

        var tokenizer = new BertTokenizer(WordPieceTrainer.Train(training));

        var pieces = heldOut.SelectMany(title => tokenizer.TokenizeToIds(title)).ToList();
        var unknown = pieces.Count(id => id == tokenizer.UnknownId);
        Assert.True(unknown <= pieces.Count / 1000, $"{unknown} of {pieces.Count} pieces are [UNK]");
    }

    [SkippableFact]
    public void Agrees_with_the_hugging_face_trainer_that_made_the_fixture_vocabulary()
    {
        // The settings of make_tiny_bert.py. It trained on every distinct description, the catalog has one title
        // per item: on the distinct descriptions themselves 595 of the 600 tokens agree, on the titles about 530.
        var options = new WordPieceTrainerOptions { VocabularySize = 600, AlphabetLimit = 200, MinFrequency = 2 };
        var reference = File.ReadAllLines(TinyBert.File("vocab.txt"));

        var vocabulary = WordPieceTrainer.Train(Titles, options);

        Assert.Equal(600, vocabulary.Count);
        var shared = reference.Intersect(vocabulary.Tokens).Count();
        Assert.True(shared >= 510, $"{shared} of the {reference.Length} reference tokens");
    }

    [SkippableFact]
    public void Training_and_tokenizing_the_catalog_are_fast()
    {
        var titles = Titles;

        var training = Stopwatch.StartNew();
        var tokenizer = new BertTokenizer(WordPieceTrainer.Train(titles));
        training.Stop();
        tokenizer.EncodeBatch(titles.Take(100).ToList(), maxLength: 64); // compiles the code paths
        var encoding = Stopwatch.StartNew();
        var batch = tokenizer.EncodeBatch(titles, maxLength: 64, Padding.MaxLength);
        encoding.Stop();

        Assert.True(titles.Count > 3000, $"{titles.Count} titles");
        Assert.Equal(titles.Count, batch.Count);
        Assert.True(training.Elapsed < TimeSpan.FromSeconds(5), $"training took {training.Elapsed}");
        Assert.True(encoding.Elapsed < TimeSpan.FromSeconds(0.5), $"encoding took {encoding.Elapsed}");
    }

    [SkippableFact]
    public void A_saved_vocabulary_loads_as_the_same_tokenizer()
    {
        using var folder = new TempDirectory();
        var vocabulary = WordPieceTrainer.Train(Titles);

        vocabulary.Save(folder.File(WordPieceVocabulary.FileName));
        var loaded = BertTokenizer.Load(folder.Path);

        Assert.Equal(vocabulary.Tokens, loaded.Vocabulary.Tokens);
        Assert.Equal(new BertTokenizer(vocabulary).Tokenize(Titles[0]), loaded.Tokenize(Titles[0]));
    }
}
