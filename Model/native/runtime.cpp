// The runtime: version and build information, devices, threads and the random seed.
#include "recsys_torch.h"

#include <ATen/Version.h>
#include <torch/cuda.h>
#include <torch/utils.h>
#include <torch/version.h>

using namespace recsys_torch;

RT_EXPORT const char* rt_runtime_version() {
    return TORCH_VERSION;
}

// libtorch's build settings (BLAS, CUDA, CPU capability), for diagnostics.
RT_EXPORT const char* rt_runtime_build_config() {
    static const std::string config = at::show_config();
    return config.c_str();
}

RT_EXPORT int32_t rt_runtime_cuda_device_count() {
    return torch::cuda::is_available() ? static_cast<int32_t>(torch::cuda::device_count()) : 0;
}

// Waits for the queued work of a CUDA device (for timing); device_index -1 is the current device.
RT_EXPORT int32_t rt_runtime_cuda_synchronize(int64_t device_index) {
    return guard([&] { torch::cuda::synchronize(device_index); });
}

// Seeds the generators of the CPU and of every CUDA device.
RT_EXPORT void rt_runtime_manual_seed(uint64_t seed) {
    torch::manual_seed(seed);
}

RT_EXPORT int32_t rt_runtime_set_num_threads(int32_t count) {
    return guard([&] { torch::set_num_threads(count); });
}

RT_EXPORT int32_t rt_runtime_get_num_threads() {
    return torch::get_num_threads();
}
