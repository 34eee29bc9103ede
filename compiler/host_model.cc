#include "compiler/host_model.h"

#include <cstring>

#include <fmt/format.h>

namespace mote {

std::unique_ptr<HostModel> HostModel::Load(const std::string& path, std::string* error,
                                           size_t arena_bytes, KernelIsa isa) {
  AlignedBytes bytes;
  if (!ReadFileAligned(path, &bytes, error)) return nullptr;
  auto m = FromBytes(std::move(bytes), error, arena_bytes, isa);
  if (!m) *error = fmt::format("{}: {}", path, *error);
  return m;
}

std::unique_ptr<HostModel> HostModel::FromBytes(AlignedBytes bytes, std::string* error,
                                                size_t arena_bytes, KernelIsa isa) {
  std::unique_ptr<HostModel> m(new HostModel());
  m->bytes_ = std::move(bytes);
  m->arena_ = AlignedBytes(arena_bytes, /*zeroed=*/false);
  m->interp_.set_kernel_isa(isa);
  const Status s = m->interp_.Init(m->bytes_.data(), m->bytes_.size(), m->arena_.data(), arena_bytes);
  if (!s.ok()) {
    *error = m->interp_.error()[0] ? m->interp_.error() : s.message();
    return nullptr;
  }
  return m;
}

bool HostModel::SetInput(int i, const std::vector<uint8_t>& data, std::string* error) {
  if (i < 0 || i >= interp_.num_inputs()) {
    *error = fmt::format("model has {} input(s), got input {}", interp_.num_inputs(), i);
    return false;
  }
  Tensor* t = interp_.input(i);
  if (data.size() != t->Bytes()) {
    *error = fmt::format("input {} ('{}') needs {} bytes ({} x {}), got {}", i, t->name, t->Bytes(),
                         t->NumElements(), DTypeName(t->type), data.size());
    return false;
  }
  std::memcpy(t->data, data.data(), data.size());
  return true;
}

bool HostModel::Invoke(std::string* error) {
  const Status s = interp_.Invoke();
  if (!s.ok()) {
    *error = interp_.error()[0] ? interp_.error() : s.message();
    return false;
  }
  return true;
}

}  // namespace mote
