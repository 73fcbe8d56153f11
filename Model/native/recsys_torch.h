// Shared by every area of the recsys_torch C ABI: the export macro, the opaque handle types, the error
// guard that keeps C++ exceptions from crossing the boundary, and conversions from ABI arguments.
//
// Conventions of the ABI (mirrored by Model/Torch/Interop/NativeMethods.*.cs):
// - A tensor handle is a heap-allocated at::Tensor owned by the caller, released with rt_tensor_free.
//   Handles always hold a defined tensor; "no tensor" (an absent gradient, an optional argument) is null.
// - A function that makes a tensor returns null on failure; any other fallible function returns 1 on
//   success and 0 on failure. After a failure rt_error_last() gives libtorch's message for this thread.
#pragma once

#include <ATen/ATen.h>
#include <torch/types.h>

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#define RT_EXPORT extern "C" __attribute__((visibility("default")))

using rt_tensor = at::Tensor*;

// A scalar operand: libtorch promotes integer tensors to floating point when the scalar is a double, so
// integer scalars travel as integers to keep index arithmetic in int64.
struct rt_scalar {
    double real;
    int64_t integer;
    int32_t is_integer;
};

namespace recsys_torch {

void set_last_error(const std::string& message);

// Runs body, turning every exception into the thread's last error. Returns 1 on success, 0 on failure.
template <typename Body>
int guard(Body&& body) noexcept {
    try {
        body();
        return 1;
    } catch (const c10::Error& error) {
        // what_without_backtrace: the message and its context, not the C++ stack.
        set_last_error(error.what_without_backtrace());
    } catch (const std::exception& error) {
        set_last_error(error.what());
    } catch (...) {
        set_last_error("unknown C++ exception in libtorch");
    }
    return 0;
}

// Runs body, which computes a tensor, and hands the caller a new handle to it; null on failure.
template <typename Body>
rt_tensor make_tensor(Body&& body) noexcept {
    rt_tensor result = nullptr;
    guard([&] { result = new at::Tensor(body()); });
    return result;
}

inline at::IntArrayRef dims(const int64_t* values, int32_t count) {
    return at::IntArrayRef(values, static_cast<size_t>(count));
}

inline at::Scalar scalar(const rt_scalar& value) {
    return value.is_integer ? at::Scalar(value.integer) : at::Scalar(value.real);
}

inline c10::optional<at::Tensor> optional_tensor(rt_tensor handle) {
    return handle == nullptr ? c10::optional<at::Tensor>() : c10::optional<at::Tensor>(*handle);
}

std::vector<at::Tensor> tensors(const rt_tensor* handles, int32_t count);

at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index);

}  // namespace recsys_torch
