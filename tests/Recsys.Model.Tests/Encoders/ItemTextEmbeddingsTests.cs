using Recsys.Grains.Interfaces;
using Recsys.Model.Encoders;
using Recsys.Model.Tests.Support;
using Recsys.Model.Tests.Torch;
using Recsys.Model.Text;
using Recsys.Model.Torch;

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
        using var noGrad = LibTorch.NoGrad();
        for (var item = 0; item < Items.Length; item++)
        {
            var (inputIds, attentionMask) = tokenizer.EncodeBatch([ItemText.Of(Items[item], includeDescription: true)], 24).ToTensors();
            var alone = encoder.EncodeMeanPooled(inputIds, attentionMask).ToArray<float>();
            Assert.Equal(alone, Enumerable.Range(0, alone.Length).Select(column => embeddings[item, column]), new Tolerance(1e-5));
        }
    }

    [SkippableFact]
    public void Catalog_rows_feed_the_encoder_with_gradients_for_fine_tuning()
    {
        var before = TorchCollection.StartCountingTensors();
        using (var encoder = BertEncoder.Load(TinyBert.Directory))
        using (var catalog = TokenizedCatalog.Create(Items, BertTokenizer.Load(TinyBert.Directory), maxLength: 24))
        {
            Assert.True(catalog.TryGetIndex("47566", out var bunting));
            Assert.False(catalog.TryGetIndex("nope", out _));
            Assert.Equal([(long)Items.Length, catalog.Texts.Width], catalog.InputIds.Shape);
            encoder.Train();
            for (var step = 0; step < 10; step++)
            {
                using var scope = LibTorch.NewDisposeScope();
                var (inputIds, attentionMask) = catalog.Rows(LibTorch.FromArray<long>([bunting, 0, bunting]));
                var vectors = encoder.EncodeMeanPooled(inputIds, attentionMask);
                Assert.Equal([3L, encoder.Config.HiddenSize], vectors.Shape);
                Assert.Equal(catalog.Texts.Batch([bunting]).InputIds, inputIds.Select(0, 0).Narrow(0, 0, catalog.Texts.LengthOf(bunting)).ToArray<long>());
                var (trimmedIds, trimmedMask) = catalog.Rows([bunting, 0, bunting]);
                Assert.Equal([3L, Math.Max(catalog.Texts.LengthOf(0), catalog.Texts.LengthOf(bunting))], trimmedIds.Shape);
                // The fixture has no dropout, so training mode computes the same as evaluation mode.
                Assert.Equal(vectors.ToArray<float>(), encoder.EncodeMeanPooled(trimmedIds, trimmedMask).ToArray<float>(), new Tolerance(1e-5));
                vectors.Pow(2).Sum().Backward();
                Assert.NotNull(encoder.Layers[0].Attention.Self.Query.Weight.Grad);
                encoder.ZeroGrad();
            }
        }

        TorchCollection.CollectGarbage();
        Assert.Equal(before, Tensor.LiveCount);
    }

    [SkippableFact]
    public void An_item_id_twice_is_refused()
    {
        TorchCollection.RequireLibTorch();

        var error = Assert.Throws<ArgumentException>(() => TokenizedCatalog.Create([Items[0], Items[0]], TinyCatalog.Tokenizer, 16));

        Assert.Contains("'85123A' is in the catalog twice", error.Message);
    }
}
