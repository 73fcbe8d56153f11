using Recsys.Model.Data;
using Recsys.Model.Tests.Support;
using Recsys.Model.Text;

namespace Recsys.Model.Tests.Text;

public sealed class BertTokenizerOptionsTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Reads_settings_and_tokens_written_as_strings_or_objects()
    {
        var path = folder.Write("tokenizer_config.json", """
            {"do_lower_case": false, "strip_accents": true, "tokenize_chinese_chars": false, "model_max_length": 512,
             "unk_token": {"content": "<unk>", "special": true}, "cls_token": "<s>", "tokenizer_class": "BertTokenizer"}
            """);

        var options = BertTokenizerOptions.Load(path);

        Assert.Equal(
            new BertTokenizerOptions
            {
                LowerCase = false, StripAccents = true, TokenizeChineseChars = false, ModelMaxLength = 512,
                UnknownToken = "<unk>", ClassifierToken = "<s>",
            },
            options);
    }

    [Fact]
    public void A_huge_model_max_length_means_no_limit_and_missing_settings_keep_their_defaults()
    {
        var path = folder.Write("tokenizer_config.json", """{"model_max_length": 1000000000000000019884624838656}""");

        Assert.Equal(new BertTokenizerOptions(), BertTokenizerOptions.Load(path));
    }

    [Fact]
    public void Saved_settings_read_back_equal()
    {
        var options = new BertTokenizerOptions { LowerCase = false, StripAccents = false, ModelMaxLength = 128 };
        var path = folder.File("tokenizer_config.json");

        options.Save(path);

        Assert.Equal(options, BertTokenizerOptions.Load(path));
    }

    [Theory]
    [InlineData("""{"do_lower_case": "yes"}""")]
    [InlineData("""{"model_max_length": 1e15}""")]
    [InlineData("""[1, 2]""")]
    [InlineData("""{"do_lower_case": tru""")]
    public void Malformed_settings_name_the_file(string json)
    {
        var path = folder.Write("tokenizer_config.json", json);

        var error = Assert.Throws<DataFormatException>(() => BertTokenizerOptions.Load(path));

        Assert.Equal(path, error.File);
    }

    [Fact]
    public void A_directory_without_tokenizer_config_gets_the_uncased_defaults()
    {
        File.Copy(TinyBert.File("vocab.txt"), folder.File("vocab.txt"));

        Assert.Equal(new BertTokenizerOptions(), BertTokenizer.Load(folder.Path).Options);
    }
}
