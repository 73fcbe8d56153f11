// Optimizer: libtorch's AdamW with one weight decay per parameter group, and global-norm gradient clipping.
#include "recsys_torch.h"

#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adamw.h>

#include <memory>

using namespace recsys_torch;

using rt_optimizer = torch::optim::AdamW*;

// group_of_parameter[i] is the index of the group of parameters[i]; group_weight_decay[g] is the decoupled
// weight decay of group g (0 for biases and LayerNorm parameters).
RT_EXPORT rt_optimizer rt_optim_adamw_new(const rt_tensor* parameters, const int32_t* group_of_parameter,
                                          int32_t parameter_count, const double* group_weight_decay,
                                          int32_t group_count, double learning_rate, double beta1, double beta2,
                                          double eps) {
    rt_optimizer result = nullptr;
    guard([&] {
        const auto defaults = torch::optim::AdamWOptions(learning_rate).betas(std::make_tuple(beta1, beta2)).eps(eps);
        std::vector<std::vector<at::Tensor>> grouped(static_cast<size_t>(group_count));
        for (int32_t i = 0; i < parameter_count; ++i) {
            const auto group = group_of_parameter[i];
            TORCH_CHECK(group >= 0 && group < group_count, "parameter ", i, " names group ", group, " of ", group_count);
            grouped[static_cast<size_t>(group)].push_back(*parameters[i]);
        }
        std::vector<torch::optim::OptimizerParamGroup> groups;
        for (int32_t g = 0; g < group_count; ++g) {
            auto options = std::make_unique<torch::optim::AdamWOptions>(defaults);
            options->weight_decay(group_weight_decay[g]);
            groups.emplace_back(grouped[static_cast<size_t>(g)], std::move(options));
        }
        result = new torch::optim::AdamW(std::move(groups), defaults);
    });
    return result;
}

RT_EXPORT void rt_optim_adamw_free(rt_optimizer optimizer) {
    delete optimizer;
}

RT_EXPORT int32_t rt_optim_adamw_step(rt_optimizer optimizer) {
    return guard([&] { optimizer->step(); });
}

RT_EXPORT int32_t rt_optim_adamw_set_learning_rate(rt_optimizer optimizer, double learning_rate) {
    return guard([&] {
        for (auto& group : optimizer->param_groups()) {
            static_cast<torch::optim::AdamWOptions&>(group.options()).lr(learning_rate);
        }
    });
}

// Scales all gradients so that their global L2 norm is at most max_norm; *total_norm gets the norm before.
RT_EXPORT int32_t rt_optim_clip_grad_norm(const rt_tensor* parameters, int32_t count, double max_norm,
                                          double* total_norm) {
    return guard([&] { *total_norm = torch::nn::utils::clip_grad_norm_(tensors(parameters, count), max_norm); });
}
