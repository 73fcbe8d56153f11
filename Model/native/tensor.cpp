// Tensor creation, conversion to and from raw memory, metadata and lifetime.
#include "recsys_torch.h"

#include <cstring>

namespace recsys_torch {

std::vector<at::Tensor> tensors(const rt_tensor* handles, int32_t count) {
    std::vector<at::Tensor> result;
    result.reserve(static_cast<size_t>(count));
    for (int32_t i = 0; i < count; ++i) {
        result.push_back(*handles[i]);
    }
    return result;
}

at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
    return at::TensorOptions()
        .dtype(static_cast<at::ScalarType>(dtype))
        .device(at::Device(static_cast<at::DeviceType>(device_type), static_cast<at::DeviceIndex>(device_index)));
}

}  // namespace recsys_torch

using namespace recsys_torch;

RT_EXPORT void rt_tensor_free(rt_tensor tensor) {
    delete tensor;
}

RT_EXPORT rt_tensor rt_tensor_full(const int64_t* shape, int32_t rank, rt_scalar value, int32_t dtype,
                                   int32_t device_type, int32_t device_index) {
    return make_tensor([&] { return torch::full(dims(shape, rank), scalar(value), options(dtype, device_type, device_index)); });
}

RT_EXPORT rt_tensor rt_tensor_arange(rt_scalar start, rt_scalar end, rt_scalar step, int32_t dtype,
                                     int32_t device_type, int32_t device_index) {
    return make_tensor([&] {
        return torch::arange(scalar(start), scalar(end), scalar(step), options(dtype, device_type, device_index));
    });
}

RT_EXPORT rt_tensor rt_tensor_randn(const int64_t* shape, int32_t rank, int32_t dtype, int32_t device_type,
                                    int32_t device_index) {
    return make_tensor([&] { return torch::randn(dims(shape, rank), options(dtype, device_type, device_index)); });
}

RT_EXPORT rt_tensor rt_tensor_rand(const int64_t* shape, int32_t rank, int32_t dtype, int32_t device_type,
                                   int32_t device_index) {
    return make_tensor([&] { return torch::rand(dims(shape, rank), options(dtype, device_type, device_index)); });
}

RT_EXPORT rt_tensor rt_tensor_randint(int64_t low, int64_t high, const int64_t* shape, int32_t rank, int32_t dtype,
                                      int32_t device_type, int32_t device_index) {
    return make_tensor([&] {
        return torch::randint(low, high, dims(shape, rank), options(dtype, device_type, device_index));
    });
}

RT_EXPORT rt_tensor rt_tensor_eye(int64_t rows, int64_t columns, int32_t dtype, int32_t device_type,
                                  int32_t device_index) {
    return make_tensor([&] { return torch::eye(rows, columns, options(dtype, device_type, device_index)); });
}

// Copies the caller's buffer, so the tensor does not depend on managed memory staying pinned.
RT_EXPORT rt_tensor rt_tensor_from_data(const void* data, const int64_t* shape, int32_t rank, int32_t dtype) {
    return make_tensor([&] {
        return torch::from_blob(const_cast<void*>(data), dims(shape, rank), static_cast<at::ScalarType>(dtype)).clone();
    });
}

// Copies the elements, in row-major order, into the caller's buffer of exactly byte_count bytes.
RT_EXPORT int32_t rt_tensor_copy_data(rt_tensor tensor, void* destination, int64_t byte_count) {
    return guard([&] {
        const auto dense = tensor->detach().to(at::kCPU).contiguous();
        const auto size = static_cast<int64_t>(dense.numel() * dense.element_size());
        TORCH_CHECK(size == byte_count, "the tensor holds ", size, " bytes but the destination has ", byte_count);
        if (size > 0) {
            std::memcpy(destination, dense.data_ptr(), static_cast<size_t>(size));
        }
    });
}

RT_EXPORT int32_t rt_tensor_rank(rt_tensor tensor) {
    return static_cast<int32_t>(tensor->dim());
}

// Writes the sizes into shape, which has room for rt_tensor_rank values.
RT_EXPORT void rt_tensor_shape(rt_tensor tensor, int64_t* shape) {
    const auto sizes = tensor->sizes();
    std::copy(sizes.begin(), sizes.end(), shape);
}

RT_EXPORT int64_t rt_tensor_numel(rt_tensor tensor) {
    return tensor->numel();
}

RT_EXPORT int32_t rt_tensor_dtype(rt_tensor tensor) {
    return static_cast<int32_t>(tensor->scalar_type());
}

RT_EXPORT void rt_tensor_device(rt_tensor tensor, int32_t* device_type, int32_t* device_index) {
    const auto device = tensor->device();
    *device_type = static_cast<int32_t>(device.type());
    *device_index = device.index();
}

RT_EXPORT rt_tensor rt_tensor_to(rt_tensor tensor, int32_t dtype, int32_t device_type, int32_t device_index) {
    return make_tensor([&] { return tensor->to(options(dtype, device_type, device_index)); });
}

RT_EXPORT rt_tensor rt_tensor_clone(rt_tensor tensor) {
    return make_tensor([&] { return tensor->clone(); });
}

// Overwrites the values of destination in place (loading a state dict), outside autograd's view.
RT_EXPORT int32_t rt_tensor_copy_(rt_tensor destination, rt_tensor source) {
    return guard([&] {
        torch::NoGradGuard no_grad;
        destination->copy_(*source);
    });
}

// Points the tensor at new data (another device or dtype) while every handle to it stays valid, which is
// how a module moves its parameters.
RT_EXPORT int32_t rt_tensor_set_data(rt_tensor tensor, rt_tensor data) {
    return guard([&] { tensor->set_data(*data); });
}
