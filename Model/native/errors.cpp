// Errors: the last libtorch message of the calling thread, read by the managed side after a failed call.
#include "recsys_torch.h"

namespace {

thread_local std::string last_error;

// libtorch appends where it raised the error ("Exception raised from ... (most recent call first):" and
// the frames); callers want the message, so everything from that line on is dropped.
std::string without_raise_site(const std::string& message) {
    const auto raise_site = message.find("Exception raised from");
    auto end = raise_site == std::string::npos ? message.size() : raise_site;
    while (end > 0 && (message[end - 1] == '\n' || message[end - 1] == ' ')) {
        --end;
    }
    return message.substr(0, end);
}

}  // namespace

namespace recsys_torch {

void set_last_error(const std::string& message) {
    last_error = without_raise_site(message);
}

}  // namespace recsys_torch

RT_EXPORT const char* rt_error_last() {
    return last_error.empty() ? nullptr : last_error.c_str();
}
