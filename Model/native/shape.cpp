// Reshaping, indexing and joining: views and copies that move elements without computing new values.
#include "recsys_torch.h"

using namespace recsys_torch;

RT_EXPORT rt_tensor rt_shape_reshape(rt_tensor tensor, const int64_t* shape, int32_t rank) {
    return make_tensor([&] { return tensor->reshape(dims(shape, rank)); });
}

RT_EXPORT rt_tensor rt_shape_view(rt_tensor tensor, const int64_t* shape, int32_t rank) {
    return make_tensor([&] { return tensor->view(dims(shape, rank)); });
}

RT_EXPORT rt_tensor rt_shape_transpose(rt_tensor tensor, int64_t first, int64_t second) {
    return make_tensor([&] { return tensor->transpose(first, second); });
}

RT_EXPORT rt_tensor rt_shape_permute(rt_tensor tensor, const int64_t* order, int32_t rank) {
    return make_tensor([&] { return tensor->permute(dims(order, rank)); });
}

RT_EXPORT rt_tensor rt_shape_unsqueeze(rt_tensor tensor, int64_t dim) {
    return make_tensor([&] { return tensor->unsqueeze(dim); });
}

RT_EXPORT rt_tensor rt_shape_squeeze(rt_tensor tensor, int64_t dim) {
    return make_tensor([&] { return tensor->squeeze(dim); });
}

RT_EXPORT rt_tensor rt_shape_squeeze_all(rt_tensor tensor) {
    return make_tensor([&] { return tensor->squeeze(); });
}

RT_EXPORT rt_tensor rt_shape_expand(rt_tensor tensor, const int64_t* shape, int32_t rank) {
    return make_tensor([&] { return tensor->expand(dims(shape, rank)); });
}

RT_EXPORT rt_tensor rt_shape_contiguous(rt_tensor tensor) {
    return make_tensor([&] { return tensor->contiguous(); });
}

RT_EXPORT rt_tensor rt_shape_narrow(rt_tensor tensor, int64_t dim, int64_t start, int64_t length) {
    return make_tensor([&] { return tensor->narrow(dim, start, length); });
}

RT_EXPORT rt_tensor rt_shape_slice(rt_tensor tensor, int64_t dim, int64_t start, int64_t end, int64_t step) {
    return make_tensor([&] { return tensor->slice(dim, start, end, step); });
}

RT_EXPORT rt_tensor rt_shape_select(rt_tensor tensor, int64_t dim, int64_t index) {
    return make_tensor([&] { return tensor->select(dim, index); });
}

RT_EXPORT rt_tensor rt_shape_index_select(rt_tensor tensor, int64_t dim, rt_tensor index) {
    return make_tensor([&] { return tensor->index_select(dim, *index); });
}

RT_EXPORT rt_tensor rt_shape_gather(rt_tensor tensor, int64_t dim, rt_tensor index) {
    return make_tensor([&] { return tensor->gather(dim, *index); });
}

RT_EXPORT rt_tensor rt_shape_masked_fill(rt_tensor tensor, rt_tensor mask, rt_scalar value) {
    return make_tensor([&] { return tensor->masked_fill(*mask, scalar(value)); });
}

RT_EXPORT rt_tensor rt_shape_where(rt_tensor condition, rt_tensor when_true, rt_tensor when_false) {
    return make_tensor([&] { return torch::where(*condition, *when_true, *when_false); });
}

RT_EXPORT rt_tensor rt_shape_cat(const rt_tensor* handles, int32_t count, int64_t dim) {
    return make_tensor([&] { return torch::cat(tensors(handles, count), dim); });
}

RT_EXPORT rt_tensor rt_shape_stack(const rt_tensor* handles, int32_t count, int64_t dim) {
    return make_tensor([&] { return torch::stack(tensors(handles, count), dim); });
}

// Keeps the elements on and above (triu) or on and below (tril) the given diagonal: causal masks.
RT_EXPORT rt_tensor rt_shape_triangle(rt_tensor tensor, int64_t diagonal, int32_t upper) {
    return make_tensor([&] { return upper ? tensor->triu(diagonal) : tensor->tril(diagonal); });
}
