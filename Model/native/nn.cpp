// Neural-network functional ops: layers without state (the managed modules own the parameters), activations,
// dropout, losses and attention.
#include "recsys_torch.h"

#include <cmath>

using namespace recsys_torch;

namespace {

// Codes shared with Model/Torch/Interop/NativeMethods.NN.cs.
enum class activation : int32_t { relu = 0, gelu = 1, tanh = 2, sigmoid = 3 };

}  // namespace

// bias may be null.
RT_EXPORT rt_tensor rt_nn_linear(rt_tensor input, rt_tensor weight, rt_tensor bias) {
    return make_tensor([&] { return torch::linear(*input, *weight, optional_tensor(bias)); });
}

// padding_index < 0: no padding row. The padding row gets no gradient.
RT_EXPORT rt_tensor rt_nn_embedding(rt_tensor weight, rt_tensor indices, int64_t padding_index) {
    return make_tensor([&] { return torch::embedding(*weight, *indices, padding_index); });
}

// weight and bias may be null.
RT_EXPORT rt_tensor rt_nn_layer_norm(rt_tensor input, const int64_t* normalized_shape, int32_t rank, rt_tensor weight,
                                     rt_tensor bias, double eps) {
    return make_tensor([&] {
        return torch::layer_norm(*input, dims(normalized_shape, rank), optional_tensor(weight), optional_tensor(bias), eps);
    });
}

RT_EXPORT rt_tensor rt_nn_activation(rt_tensor input, int32_t kind) {
    return make_tensor([&] {
        switch (static_cast<activation>(kind)) {
            case activation::relu: return torch::relu(*input);
            // The exact (erf) form, as BERT uses; "none" is the default approximation in 1.13 and 2.x.
            case activation::gelu: return torch::gelu(*input);
            case activation::tanh: return torch::tanh(*input);
            case activation::sigmoid: return torch::sigmoid(*input);
        }
        TORCH_CHECK(false, "unknown activation ", kind);
    });
}

RT_EXPORT rt_tensor rt_nn_dropout(rt_tensor input, double probability, int32_t training) {
    return make_tensor([&] { return torch::dropout(*input, probability, training != 0); });
}

// reduction: 0 none, 1 mean, 2 sum (at::Reduction). weight and positive_weight may be null.
RT_EXPORT rt_tensor rt_nn_binary_cross_entropy_with_logits(rt_tensor logits, rt_tensor targets, rt_tensor weight,
                                                           rt_tensor positive_weight, int32_t reduction) {
    return make_tensor([&] {
        return torch::binary_cross_entropy_with_logits(*logits, *targets, optional_tensor(weight),
                                                       optional_tensor(positive_weight), reduction);
    });
}

// logits [N, C] (or [N, C, d...]) against class indices; targets equal to ignore_index add no loss.
RT_EXPORT rt_tensor rt_nn_cross_entropy(rt_tensor logits, rt_tensor targets, rt_tensor class_weight, int32_t reduction,
                                        int64_t ignore_index, double label_smoothing) {
    return make_tensor([&] {
        return torch::cross_entropy_loss(*logits, *targets, optional_tensor(class_weight), reduction, ignore_index,
                                         label_smoothing);
    });
}

// softmax(q k^T / sqrt(d) + mask) v over the last two dims, with dropout on the attention weights. The
// mask is additive (0 to keep, a large negative number to drop) and broadcasts to [..., queries, keys];
// it may be null. Built from matmul and softmax so it runs the same on libtorch 1.13 and 2.x.
RT_EXPORT rt_tensor rt_nn_attention(rt_tensor query, rt_tensor key, rt_tensor value, rt_tensor mask,
                                    double dropout_probability, int32_t training) {
    return make_tensor([&] {
        const auto scale = 1.0 / std::sqrt(static_cast<double>(query->size(-1)));
        auto scores = torch::matmul(*query, key->transpose(-2, -1)) * scale;
        if (mask != nullptr) {
            scores = scores + *mask;
        }
        auto weights = torch::dropout(scores.softmax(-1), dropout_probability, training != 0);
        return torch::matmul(weights, *value);
    });
}
