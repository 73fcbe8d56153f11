// Autograd: which tensors record gradients, backward passes, reading and clearing gradients, grad mode.
#include "recsys_torch.h"

using namespace recsys_torch;

RT_EXPORT int32_t rt_autograd_set_requires_grad(rt_tensor tensor, int32_t requires_grad) {
    return guard([&] { tensor->set_requires_grad(requires_grad != 0); });
}

RT_EXPORT int32_t rt_autograd_requires_grad(rt_tensor tensor) {
    return tensor->requires_grad() ? 1 : 0;
}

// gradient may be null when the tensor holds one element.
RT_EXPORT int32_t rt_autograd_backward(rt_tensor tensor, rt_tensor gradient) {
    return guard([&] { tensor->backward(gradient == nullptr ? at::Tensor() : *gradient); });
}

// Sets *gradient to a new handle to the accumulated gradient, or to null when there is none yet.
RT_EXPORT int32_t rt_autograd_grad(rt_tensor tensor, rt_tensor* gradient) {
    return guard([&] {
        const auto& accumulated = tensor->grad();
        *gradient = accumulated.defined() ? new at::Tensor(accumulated) : nullptr;
    });
}

// Drops the gradient (PyTorch's zero_grad(set_to_none=True)): the next backward starts from nothing.
RT_EXPORT int32_t rt_autograd_clear_grad(rt_tensor tensor) {
    return guard([&] { tensor->mutable_grad().reset(); });
}

RT_EXPORT rt_tensor rt_autograd_detach(rt_tensor tensor) {
    return make_tensor([&] { return tensor->detach(); });
}

// Grad mode is per thread in libtorch. Returns the previous mode.
RT_EXPORT int32_t rt_autograd_set_grad_enabled(int32_t enabled) {
    const auto previous = at::GradMode::is_enabled();
    at::GradMode::set_enabled(enabled != 0);
    return previous ? 1 : 0;
}
