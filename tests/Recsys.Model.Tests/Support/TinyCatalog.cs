using Recsys.Grains.Interfaces;
using Recsys.Model.Checkpoints;
using Recsys.Model.Text;

namespace Recsys.Model.Tests.Support;

/// <summary>A small catalog of retail-like titles with regular structure (colour, pattern, product), a vocabulary
/// learnt from them, and a tiny BERT shape: enough for a masked language model to learn something in seconds.</summary>
internal static class TinyCatalog
{
    private static readonly string[] Colours = ["RED", "PINK", "BLUE", "GREEN"];
    private static readonly string[] Patterns = ["RETROSPOT", "POLKADOT", "PAISLEY"];
    private static readonly string[] Products = ["LUNCH BAG", "CAKE STAND", "T-LIGHT HOLDER", "CHILDRENS CUTLERY SET"];

    public static IReadOnlyList<ItemInfo> Items { get; } = (
        from colour in Colours
        from pattern in Patterns
        from product in Products
        select new ItemInfo { Id = $"{colour[0]}{pattern[0]}{product[0]}-{product.Length}", Title = $"{colour} {pattern} {product}" })
        .ToList();

    public static IReadOnlyList<string> Titles { get; } = Items.Select(item => item.Title).ToList();

    public static BertTokenizer Tokenizer { get; } = new(WordPieceTrainer.Train(Titles));

    public static BertConfig Config { get; } = new()
    {
        VocabSize = Tokenizer.Vocabulary.Count,
        HiddenSize = 32,
        NumHiddenLayers = 1,
        NumAttentionHeads = 2,
        IntermediateSize = 64,
        MaxPositionEmbeddings = 16,
    };
}
