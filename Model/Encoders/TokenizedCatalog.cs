using Recsys.Grains.Interfaces;
using Recsys.Model.Text;
using Recsys.Model.Tensors;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>A catalog's item texts tokenized once, as int64 [items, width] tensors on a device: the input a
/// recommender needs to run the text encoder on the items of a training batch, with gradients, by item index
/// (<see cref="Rows"/>). Disposing it frees the tensors.</summary>
public sealed class TokenizedCatalog : IDisposable
{
    private readonly Dictionary<string, int> indexOf;
    private readonly Device device;

    private TokenizedCatalog(IReadOnlyList<string> itemIds, TokenizedTexts texts, Device device)
    {
        ItemIds = itemIds;
        indexOf = new Dictionary<string, int>(itemIds.Count, StringComparer.Ordinal);
        for (var index = 0; index < itemIds.Count; index++)
        {
            if (!indexOf.TryAdd(itemIds[index], index))
            {
                throw new ArgumentException($"the item '{itemIds[index]}' is in the catalog twice", nameof(itemIds));
            }
        }

        Texts = texts;
        this.device = device;
        (InputIds, AttentionMask) = texts.All.ToTensors(device);
        InputIds.DetachFromDisposeScope();
        AttentionMask.DetachFromDisposeScope();
    }

    /// <summary>The items in row order.</summary>
    public IReadOnlyList<string> ItemIds { get; }

    public TokenizedTexts Texts { get; }

    /// <summary>The token ids of every item, padded to the longest: [items, width].</summary>
    public Tensor InputIds { get; }

    /// <summary>1 at tokens, 0 at padding: [items, width].</summary>
    public Tensor AttentionMask { get; }

    /// <param name="maxLength">Longer texts are cut to this many tokens, [CLS] and [SEP] included.</param>
    /// <param name="includeDescriptions">Append each item's description to its title (<see cref="ItemText"/>).</param>
    /// <param name="device">Where the tensors live: the encoder's device (the CPU by default).</param>
    /// <exception cref="ArgumentException">An item id occurs twice.</exception>
    public static TokenizedCatalog Create(IReadOnlyList<ItemInfo> items, BertTokenizer tokenizer, int maxLength,
        bool includeDescriptions = false, ComputeDevice? device = null) =>
        new(items.Select(item => item.Id).ToList(),
            TokenizedTexts.Create(tokenizer, items.Select(item => ItemText.Of(item, includeDescriptions)).ToList(), maxLength),
            (device ?? ComputeDevice.Cpu).ToTorch());

    public bool TryGetIndex(string itemId, out int index) => indexOf.TryGetValue(itemId, out index);

    /// <summary>The token ids and attention masks of the items at the int64 <paramref name="itemIndices"/> [n] on the
    /// catalog's device: two [n, <see cref="TokenizedTexts.Width"/>] tensors for <see cref="BertEncoder.EncodeMeanPooled"/>.</summary>
    public (Tensor InputIds, Tensor AttentionMask) Rows(Tensor itemIndices) =>
        (InputIds.index_select(0, itemIndices), AttentionMask.index_select(0, itemIndices));

    /// <summary>As <see cref="Rows(Tensor)"/> for indices known on the host, padded only to the longest of these items:
    /// short titles then cost the encoder less.</summary>
    public (Tensor InputIds, Tensor AttentionMask) Rows(ReadOnlySpan<int> itemIndices) => Texts.Batch(itemIndices).ToTensors(device);

    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
    }
}
