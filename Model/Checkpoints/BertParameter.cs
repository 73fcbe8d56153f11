namespace Recsys.Model.Checkpoints;

/// <summary>A weight of a BERT model, by its Hugging Face <c>BertModel</c> name.</summary>
public sealed record BertParameter(string Name, IReadOnlyList<long> Shape);
