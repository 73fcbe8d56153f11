using Recsys.Grains.Interfaces;
using Recsys.Model.Encoders;
using Recsys.Model.Tests.Support;
using Recsys.Model.Tests.Tensors;
using Recsys.Model.Text;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Encoders;

[Collection(TorchCollection.Name)]
public sealed class ItemTextEmbeddingsTests
{
    private static readonly ItemInfo[] Items =
    [
        new() { Id = "85123A", Title = "WHITE HANGING HEART T-LIGHT HOLDER", Description = "Hangs in a window" },
        new() { Id = "22423", Title = "REGENCY CAKESTAND 3 TIER" },
        new() { Id = "47566", Title = "PARTY BUNTING" },
        new() { Id = "84879", Title = "ASSORTED COLOUR BIRD ORNAMENT" },
        new() { Id = "23084", Title = "RABBIT NIGHT LIGHT" },
    ];

    [SkippableFact]
    public void Each_item_gets_its_own_mean_pooled_embedding_in_catalog_order()
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = BertEncoder.Load(TinyBert.Directory);
        var tokenizer = BertTokenizer.Load(TinyBert.Directory);
        using var catalog = TokenizedCatalog.Create(Items, tokenizer, maxLength: 24, includeDescriptions: true);

        var embeddings = ItemTextEmbeddings.Embed(encoder, catalog, batchSize: 2);

        Assert.Equal((Items.Length, encoder.Config.HiddenSize), (embeddings.GetLength(0), embeddings.GetLength(1)));
        using var noGrad = no_grad();
        for (var item = 0; item < Items.Length; item++)
        {
            var (inputIds, attentionMask) = tokenizer.EncodeBatch([ItemText.Of(Items[item], includeDescription: true)], 24).ToTensors();
            var alone = encoder.EncodeMeanPooled(inputIds, attentionMask).data<float>().ToArray();
            Assert.Equal(alone, Enumerable.Range(0, alone.Length).Select(column => embeddings[item, column]), new Tolerance(1e-5));
        }
    }

    [SkippableFact]
    public void Catalog_rows_feed_the_encoder_with_gradients_for_fine_tuning()
    {
        TorchCollection.RequireLibTorch();
        // Built before counting: TorchSharp's Parameter constructor leaves TotalCount one higher for good.
        using var encoder = BertEncoder.Load(TinyBert.Directory);
        using var catalog = TokenizedCatalog.Create(Items, BertTokenizer.Load(TinyBert.Directory), maxLength: 24);
        var before = TorchCollection.StartCountingTensors();
        Assert.True(catalog.TryGetIndex("47566", out var bunting));
        Assert.False(catalog.TryGetIndex("nope", out _));
        Assert.Equal([(long)Items.Length, catalog.Texts.Width], catalog.InputIds.shape);
        encoder.train();
        for (var step = 0; step < 10; step++)
        {
            using var scope = NewDisposeScope();
            var (inputIds, attentionMask) = catalog.Rows(tensor(new long[] { bunting, 0, bunting }));
            var vectors = encoder.EncodeMeanPooled(inputIds, attentionMask);
            Assert.Equal([3L, encoder.Config.HiddenSize], vectors.shape);
            Assert.Equal(catalog.Texts.Batch([bunting]).InputIds,
                inputIds.select(0, 0).narrow(0, 0, catalog.Texts.LengthOf(bunting)).data<long>().ToArray());
            var (trimmedIds, trimmedMask) = catalog.Rows([bunting, 0, bunting]);
            Assert.Equal([3L, Math.Max(catalog.Texts.LengthOf(0), catalog.Texts.LengthOf(bunting))], trimmedIds.shape);
            // The fixture has no dropout, so training mode computes the same as evaluation mode.
            Assert.Equal(vectors.data<float>().ToArray(), encoder.EncodeMeanPooled(trimmedIds, trimmedMask).data<float>().ToArray(),
                new Tolerance(1e-5));
            vectors.pow(2).sum().backward();
            Assert.NotNull(encoder.Layers[0].Attention.Self.Query.weight.grad);
            encoder.zero_grad();
        }

        TorchCollection.CollectGarbage();
        Assert.Equal(before, Tensor.TotalCount);
    }

    [SkippableFact]
    public void An_item_id_twice_is_refused()
    {
        TorchCollection.RequireLibTorch();

        var error = Assert.Throws<ArgumentException>(() => TokenizedCatalog.Create([Items[0], Items[0]], TinyCatalog.Tokenizer, 16));

        Assert.Contains("'85123A' is in the catalog twice", error.Message);
    }
}
