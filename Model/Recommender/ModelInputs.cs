using static TorchSharp.torch;

namespace Recsys.Model.Recommender;

/// <summary>The purchase sequences and scenes of a batch of queries, as <see cref="UserSequenceEncoder"/>
/// reads them.</summary>
/// <param name="Items">int64 [batch, L]: <see cref="ItemUniverse"/> indices, oldest first, padded at the front
/// with <see cref="ItemUniverse.PaddingIndex"/>.</param>
/// <param name="Gaps">int64 [batch, L]: <see cref="TimeGapBuckets"/> of each purchase before its query.</param>
/// <param name="Keep">bool [batch, L]: true at purchases.</param>
/// <param name="Scenes">int64 [batch, <see cref="SceneEmbedding.Columns"/>].</param>
/// <param name="Seasons">float32 [batch, <see cref="SceneEmbedding.SeasonColumns"/>].</param>
public sealed record SequenceInputs(Tensor Items, Tensor Gaps, Tensor Keep, Tensor Scenes, Tensor Seasons);

/// <summary>Candidate rows of a batch of queries, as <see cref="RankingHead"/> reads them.</summary>
/// <param name="Features">float32 [rows, features], standardised.</param>
/// <param name="Queries">int64 [rows]: the row's query in the batch.</param>
/// <param name="Items">int64 [rows]: the candidate's <see cref="ItemUniverse"/> index.</param>
public sealed record CandidateInputs(Tensor Features, Tensor Queries, Tensor Items);
