using System.Text.Json;

namespace Recsys.Model.Tests.Support;

/// <summary>The tiny-bert fixture (Fixtures/tiny-bert, see its README): a Hugging Face BERT checkpoint directory
/// and the reference tokenizations of <c>expected.json</c>.</summary>
internal static class TinyBert
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tiny-bert");

    public static string File(string name) => Path.Combine(Directory, name);

    /// <summary>The max_length of every reference encoding.</summary>
    public static int MaxLength => Expected.Value.GetProperty("max_length").GetInt32();

    public static IEnumerable<ReferenceCase> Cases => Expected.Value.GetProperty("cases").EnumerateArray()
        .Select(item => new ReferenceCase(
            item.GetProperty("text").GetString()!,
            item.GetProperty("tokens").EnumerateArray().Select(token => token.GetString()!).ToList(),
            item.GetProperty("input_ids").EnumerateArray().Select(id => id.GetInt32()).ToList(),
            item.GetProperty("attention_mask").EnumerateArray().Select(mask => mask.GetInt32()).ToList(),
            item.GetProperty("last_hidden_state").EnumerateArray().Select(Floats).ToList(),
            Floats(item.GetProperty("pooler_output"))));

    private static Lazy<JsonElement> Expected { get; } =
        new(() => JsonDocument.Parse(System.IO.File.ReadAllText(File("expected.json"))).RootElement);

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(value => value.GetSingle()).ToArray();

    /// <summary>A text with Hugging Face's tokens (no special tokens), its padded encoding, and <c>BertModel</c>'s
    /// outputs for it.</summary>
    /// <param name="LastHiddenState">[max_length][hidden]: the final hidden state at every position, padding included.</param>
    /// <param name="PoolerOutput">[hidden].</param>
    public sealed record ReferenceCase(string Text, List<string> Tokens, List<int> InputIds, List<int> AttentionMask,
        List<float[]> LastHiddenState, float[] PoolerOutput);
}
