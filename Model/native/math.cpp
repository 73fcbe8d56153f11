// Element-wise math, comparisons, matrix products and reductions.
#include "recsys_torch.h"

using namespace recsys_torch;

namespace {

// Codes shared with Model/Torch/Interop/NativeMethods.Math.cs.
enum class unary_op : int32_t { neg = 0, exp = 1, log = 2, sqrt = 3, rsqrt = 4, abs = 5, logical_not = 6 };

enum class binary_op : int32_t {
    add = 0, sub = 1, mul = 2, div = 3, pow = 4, reverse_sub = 5, reverse_div = 6,
    eq = 10, ne = 11, lt = 12, le = 13, gt = 14, ge = 15,
    logical_and = 20, logical_or = 21, maximum = 22, minimum = 23,
};

at::Tensor apply(unary_op op, const at::Tensor& x) {
    switch (op) {
        case unary_op::neg: return x.neg();
        case unary_op::exp: return x.exp();
        case unary_op::log: return x.log();
        case unary_op::sqrt: return x.sqrt();
        case unary_op::rsqrt: return x.rsqrt();
        case unary_op::abs: return x.abs();
        case unary_op::logical_not: return x.logical_not();
    }
    TORCH_CHECK(false, "unknown unary operation ", static_cast<int32_t>(op));
}

// Other is a tensor or a scalar; the reverse operations put the scalar first (1 - x, 1 / x).
template <typename Other>
at::Tensor apply(binary_op op, const at::Tensor& x, const Other& other) {
    switch (op) {
        case binary_op::add: return torch::add(x, other);
        case binary_op::sub: return torch::sub(x, other);
        case binary_op::mul: return torch::mul(x, other);
        case binary_op::div: return torch::div(x, other);
        case binary_op::pow: return torch::pow(x, other);
        case binary_op::reverse_sub: return torch::rsub(x, other);
        case binary_op::reverse_div: return torch::mul(torch::reciprocal(x), other);
        case binary_op::eq: return torch::eq(x, other);
        case binary_op::ne: return torch::ne(x, other);
        case binary_op::lt: return torch::lt(x, other);
        case binary_op::le: return torch::le(x, other);
        case binary_op::gt: return torch::gt(x, other);
        case binary_op::ge: return torch::ge(x, other);
        default: break;
    }
    if constexpr (std::is_same_v<Other, at::Tensor>) {
        switch (op) {
            case binary_op::logical_and: return torch::logical_and(x, other);
            case binary_op::logical_or: return torch::logical_or(x, other);
            case binary_op::maximum: return torch::maximum(x, other);
            case binary_op::minimum: return torch::minimum(x, other);
            default: break;
        }
    }
    TORCH_CHECK(false, "binary operation ", static_cast<int32_t>(op), " does not take this kind of operand");
}

}  // namespace

RT_EXPORT rt_tensor rt_math_unary(rt_tensor tensor, int32_t op) {
    return make_tensor([&] { return apply(static_cast<unary_op>(op), *tensor); });
}

RT_EXPORT rt_tensor rt_math_binary(rt_tensor left, rt_tensor right, int32_t op) {
    return make_tensor([&] { return apply(static_cast<binary_op>(op), *left, *right); });
}

RT_EXPORT rt_tensor rt_math_binary_scalar(rt_tensor left, rt_scalar right, int32_t op) {
    return make_tensor([&] { return apply(static_cast<binary_op>(op), *left, scalar(right)); });
}

// Either bound may be null (no bound on that side).
RT_EXPORT rt_tensor rt_math_clamp(rt_tensor tensor, const rt_scalar* min, const rt_scalar* max) {
    return make_tensor([&] {
        const auto lower = min == nullptr ? c10::optional<at::Scalar>() : c10::optional<at::Scalar>(scalar(*min));
        const auto upper = max == nullptr ? c10::optional<at::Scalar>() : c10::optional<at::Scalar>(scalar(*max));
        return torch::clamp(*tensor, lower, upper);
    });
}

RT_EXPORT rt_tensor rt_math_matmul(rt_tensor left, rt_tensor right) {
    return make_tensor([&] { return torch::matmul(*left, *right); });
}

RT_EXPORT rt_tensor rt_math_bmm(rt_tensor left, rt_tensor right) {
    return make_tensor([&] { return torch::bmm(*left, *right); });
}

namespace {

// Codes shared with Model/Torch/Interop/NativeMethods.Math.cs.
enum class reduction_op : int32_t { sum = 0, mean = 1, logsumexp = 2 };

}  // namespace

// Reduces over the given dims; rank 0 reduces over all of them.
RT_EXPORT rt_tensor rt_math_reduce(rt_tensor tensor, int32_t op, const int64_t* dims_to_reduce, int32_t rank,
                                   int32_t keep_dims) {
    return make_tensor([&] {
        const auto reduced = rank == 0 ? c10::IntArrayRef() : dims(dims_to_reduce, rank);
        switch (static_cast<reduction_op>(op)) {
            case reduction_op::sum:
                return rank == 0 ? tensor->sum() : tensor->sum(reduced, keep_dims != 0);
            case reduction_op::mean:
                return rank == 0 ? tensor->mean() : tensor->mean(reduced, keep_dims != 0);
            case reduction_op::logsumexp: {
                TORCH_CHECK(rank > 0, "logsumexp needs the dims to reduce");
                return tensor->logsumexp(reduced, keep_dims != 0);
            }
        }
        TORCH_CHECK(false, "unknown reduction ", op);
    });
}

// The largest (or smallest) element of the whole tensor.
RT_EXPORT rt_tensor rt_math_extreme(rt_tensor tensor, int32_t largest) {
    return make_tensor([&] { return largest ? tensor->max() : tensor->min(); });
}

// The largest (or smallest) elements along dim and where they are.
RT_EXPORT int32_t rt_math_extreme_dim(rt_tensor tensor, int64_t dim, int32_t keep_dim, int32_t largest,
                                      rt_tensor* values, rt_tensor* indices) {
    return guard([&] {
        auto result = largest ? tensor->max(dim, keep_dim != 0) : tensor->min(dim, keep_dim != 0);
        *values = new at::Tensor(std::get<0>(result));
        *indices = new at::Tensor(std::get<1>(result));
    });
}

RT_EXPORT rt_tensor rt_math_argmax(rt_tensor tensor, int64_t dim, int32_t keep_dim) {
    return make_tensor([&] { return tensor->argmax(dim, keep_dim != 0); });
}

RT_EXPORT int32_t rt_math_topk(rt_tensor tensor, int64_t k, int64_t dim, int32_t largest, rt_tensor* values,
                               rt_tensor* indices) {
    return guard([&] {
        auto result = tensor->topk(k, dim, largest != 0, /*sorted=*/true);
        *values = new at::Tensor(std::get<0>(result));
        *indices = new at::Tensor(std::get<1>(result));
    });
}

RT_EXPORT rt_tensor rt_math_softmax(rt_tensor tensor, int64_t dim, int32_t log) {
    return make_tensor([&] { return log ? tensor->log_softmax(dim) : tensor->softmax(dim); });
}
