#include "compiler/io.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace mote {

void AlignedBytes::Free::operator()(uint8_t* p) const { std::free(p); }

AlignedBytes::AlignedBytes(size_t size, bool zeroed) : size_(size) {
  const size_t rounded = (size + 15) / 16 * 16;
  data_.reset(static_cast<uint8_t*>(std::aligned_alloc(16, rounded ? rounded : 16)));
  if (rounded && zeroed) std::memset(data_.get(), 0, rounded);
}

bool ReadFileAligned(const std::string& path, AlignedBytes* out, std::string* error) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  if (!f) {
    *error = fmt::format("cannot open '{}'", path);
    return false;
  }
  const std::streamoff size = f.tellg();
  if (size < 0) {
    *error = fmt::format("cannot read '{}'", path);
    return false;
  }
  *out = AlignedBytes(static_cast<size_t>(size));
  f.seekg(0);
  if (size > 0 && !f.read(reinterpret_cast<char*>(out->data()), size)) {
    *error = fmt::format("cannot read '{}'", path);
    return false;
  }
  return true;
}

bool WriteFile(const std::string& path, const void* data, size_t size, std::string* error) {
  std::ofstream f(path, std::ios::binary);
  if (!f || !f.write(static_cast<const char*>(data), static_cast<std::streamsize>(size))) {
    *error = fmt::format("cannot write '{}'", path);
    return false;
  }
  return true;
}

namespace {

const char* NpyDescr(DType t) {
  switch (t) {
    case DType::kFloat32: return "<f4";
    case DType::kInt32: return "<i4";
    case DType::kUInt8: return "|u1";
    case DType::kInt64: return "<i8";
    case DType::kBool: return "|b1";
    case DType::kInt16: return "<i2";
    case DType::kInt8: return "|i1";
    default: return nullptr;
  }
}

std::string DtypeFromDescr(const std::string& d) {
  if (d == "<f4") return "float32";
  if (d == "<i4") return "int32";
  if (d == "|u1") return "uint8";
  if (d == "<i8") return "int64";
  if (d == "|b1") return "bool";
  if (d == "<i2") return "int16";
  if (d == "|i1") return "int8";
  return "";
}

// Value of 'key': in the header dict, as raw text up to the next top-level comma.
std::string HeaderField(const std::string& header, const std::string& key) {
  const size_t k = header.find("'" + key + "'");
  if (k == std::string::npos) return "";
  size_t v = header.find(':', k);
  if (v == std::string::npos) return "";
  ++v;
  while (v < header.size() && header[v] == ' ') ++v;
  if (v < header.size() && header[v] == '(') {
    const size_t e = header.find(')', v);
    return e == std::string::npos ? "" : header.substr(v, e - v + 1);
  }
  const size_t e = header.find_first_of(",}", v);
  return header.substr(v, e == std::string::npos ? std::string::npos : e - v);
}

}  // namespace

bool ReadTensorFile(const std::string& path, TensorFile* out, std::string* error) {
  AlignedBytes raw;
  if (!ReadFileAligned(path, &raw, error)) return false;
  const uint8_t* p = raw.data();
  const size_t n = raw.size();
  *out = TensorFile();
  if (n < 10 || std::memcmp(p, "\x93NUMPY", 6) != 0) {  // raw .bin
    out->bytes.assign(p, p + n);
    return true;
  }
  const int major = p[6];
  size_t header_len, header_start;
  if (major == 1) {
    header_len = p[8] | (p[9] << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (n < 12) { *error = fmt::format("'{}': truncated .npy header", path); return false; }
    header_len = p[8] | (p[9] << 8) | (p[10] << 16) | (static_cast<size_t>(p[11]) << 24);
    header_start = 12;
  } else {
    *error = fmt::format("'{}': unsupported .npy version {}", path, major);
    return false;
  }
  if (header_start + header_len > n) {
    *error = fmt::format("'{}': truncated .npy header", path);
    return false;
  }
  const std::string header(reinterpret_cast<const char*>(p + header_start), header_len);
  std::string descr = HeaderField(header, "descr");
  descr.erase(std::remove(descr.begin(), descr.end(), '\''), descr.end());
  out->dtype = DtypeFromDescr(descr);
  if (out->dtype.empty()) {
    *error = fmt::format("'{}': unsupported .npy dtype {}", path, descr);
    return false;
  }
  if (HeaderField(header, "fortran_order").find("True") != std::string::npos) {
    *error = fmt::format("'{}': Fortran-ordered .npy is not supported", path);
    return false;
  }
  const std::string shape = HeaderField(header, "shape");
  std::stringstream ss(shape.size() > 2 ? shape.substr(1, shape.size() - 2) : "");
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.find_first_not_of(' ') == std::string::npos) continue;
    out->shape.push_back(std::stoll(item));
  }
  out->bytes.assign(p + header_start + header_len, p + n);
  return true;
}

bool WriteNpy(const std::string& path, DType type, const Shape& shape, const void* data,
              std::string* error) {
  const char* descr = NpyDescr(type);
  if (!descr) {
    *error = fmt::format("cannot write dtype {} as .npy", DTypeName(type));
    return false;
  }
  std::string dims;
  for (int i = 0; i < shape.rank; ++i) dims += fmt::format("{},", shape.dims[i]);
  if (shape.rank > 1) dims.pop_back();
  std::string header = fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': ({}), }}", descr, dims);
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(header.size() & 0xFF);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  const size_t bytes = static_cast<size_t>(shape.NumElements()) * DTypeSize(type);
  out.append(static_cast<const char*>(data), bytes);
  return WriteFile(path, out.data(), out.size(), error);
}

}  // namespace mote
