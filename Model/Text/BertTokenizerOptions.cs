using System.Text.Json;
using System.Text.Json.Nodes;
using Recsys.Model.Data;

namespace Recsys.Model.Text;

/// <summary>How a BERT tokenizer normalises and encodes text: the settings of Hugging Face's
/// <c>BertTokenizer</c>, read from and written to a checkpoint's <c>tokenizer_config.json</c>.</summary>
public sealed record BertTokenizerOptions
{
    public const string FileName = "tokenizer_config.json";

    /// <summary>Hugging Face writes this (or a larger number) as model_max_length when a model has no limit.</summary>
    private const double NoLimitThreshold = 1e20;

    /// <summary>Lower-case the text (<c>do_lower_case</c>).</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>Remove accents: decompose (NFD) and drop the non-spacing marks (<c>strip_accents</c>).
    /// Null follows <see cref="LowerCase"/>, as in Hugging Face: uncased models strip accents.</summary>
    public bool? StripAccents { get; init; }

    /// <summary>Make every CJK ideograph a word of its own (<c>tokenize_chinese_chars</c>).</summary>
    public bool TokenizeChineseChars { get; init; } = true;

    /// <summary>The longest input the model takes, in tokens (<c>model_max_length</c>); null when unlimited.</summary>
    public int? ModelMaxLength { get; init; }

    /// <summary>Longer words, in code points, become the unknown token without trying to split them.</summary>
    public int MaxInputCharsPerWord { get; init; } = 100;

    public string UnknownToken { get; init; } = "[UNK]";

    /// <summary>Starts every sequence; its final state summarises the text.</summary>
    public string ClassifierToken { get; init; } = "[CLS]";

    /// <summary>Ends every sequence.</summary>
    public string SeparatorToken { get; init; } = "[SEP]";

    public string PaddingToken { get; init; } = "[PAD]";

    /// <summary>Hides a token from the model in masked-language-model training.</summary>
    public string MaskToken { get; init; } = "[MASK]";

    public bool StripsAccents => StripAccents ?? LowerCase;

    /// <summary>The tokens that are matched in raw text and never split or normalised, in the order a new
    /// vocabulary lists them first: padding gets id 0, BERT's default <c>pad_token_id</c>.</summary>
    public IReadOnlyList<string> SpecialTokens => [PaddingToken, UnknownToken, ClassifierToken, SeparatorToken, MaskToken];

    /// <summary>Reads a <c>tokenizer_config.json</c>; settings it leaves out keep their defaults.</summary>
    /// <exception cref="DataFormatException">The file is not JSON or a setting has the wrong type.</exception>
    public static BertTokenizerOptions Load(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new DataFormatException(path, null, "expected a JSON object");
            var defaults = new BertTokenizerOptions();
            return new BertTokenizerOptions
            {
                LowerCase = root["do_lower_case"]?.GetValue<bool>() ?? defaults.LowerCase,
                StripAccents = root["strip_accents"]?.GetValue<bool>(),
                TokenizeChineseChars = root["tokenize_chinese_chars"]?.GetValue<bool>() ?? defaults.TokenizeChineseChars,
                ModelMaxLength = ReadMaxLength(root["model_max_length"]),
                UnknownToken = ReadToken(root["unk_token"]) ?? defaults.UnknownToken,
                ClassifierToken = ReadToken(root["cls_token"]) ?? defaults.ClassifierToken,
                SeparatorToken = ReadToken(root["sep_token"]) ?? defaults.SeparatorToken,
                PaddingToken = ReadToken(root["pad_token"]) ?? defaults.PaddingToken,
                MaskToken = ReadToken(root["mask_token"]) ?? defaults.MaskToken,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new DataFormatException(path, null, e.Message);
        }
    }

    /// <summary>Writes the settings as a <c>tokenizer_config.json</c> that Hugging Face's <c>BertTokenizer</c> reads.</summary>
    public void Save(string path)
    {
        var root = new JsonObject
        {
            ["tokenizer_class"] = "BertTokenizer",
            ["do_lower_case"] = LowerCase,
            ["strip_accents"] = StripAccents,
            ["tokenize_chinese_chars"] = TokenizeChineseChars,
            ["unk_token"] = UnknownToken,
            ["cls_token"] = ClassifierToken,
            ["sep_token"] = SeparatorToken,
            ["pad_token"] = PaddingToken,
            ["mask_token"] = MaskToken,
        };
        if (ModelMaxLength is { } maxLength)
        {
            root["model_max_length"] = maxLength;
        }

        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static int? ReadMaxLength(JsonNode? node)
    {
        var value = node?.GetValue<double>();
        return value is null or >= NoLimitThreshold ? null : checked((int)value.Value);
    }

    /// <summary>A token is written as a string or, by newer versions, as an object with its text in "content".</summary>
    private static string? ReadToken(JsonNode? node) => node switch
    {
        null => null,
        JsonObject added => added["content"]?.GetValue<string>(),
        _ => node.GetValue<string>(),
    };
}
