using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>What <see cref="BertEncoder.Forward"/> returns, as Hugging Face's <c>BertModel</c> does.</summary>
/// <param name="LastHiddenState">The final layer's output at every position: [batch, length, hidden].</param>
/// <param name="PooledOutput">The pooler's summary of each sequence: [batch, hidden].</param>
public readonly record struct BertEncoderOutput(Tensor LastHiddenState, Tensor PooledOutput);
