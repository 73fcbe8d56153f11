namespace Recsys.Model.Torch;

/// <summary>An error reported by libtorch (a bad shape, an unavailable device, ...), with libtorch's message
/// and, for tensor operations, the operation and the shapes of its operands.</summary>
public sealed class TorchException(string message) : Exception(message);
