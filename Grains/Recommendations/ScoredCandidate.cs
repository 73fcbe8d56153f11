using Recsys.Grains.Interfaces;

namespace Recsys.Grains.Recommendations;

/// <summary>A ranked item with its mixed score and the strategy that contributed most to it.</summary>
internal sealed record ScoredCandidate(string ItemId, double Score, RecommendationSource Source);
