#include "compiler/tflite_writer.h"

namespace mote {

TfliteBuilder::TfliteBuilder() {
  model_.version = 3;
  model_.buffers.push_back(std::make_unique<tflite::BufferT>());  // buffer 0: the empty sentinel
  model_.subgraphs.push_back(std::make_unique<tflite::SubGraphT>());
  graph_ = model_.subgraphs.back().get();
  graph_->name = "main";
}

int32_t TfliteBuilder::AddTensor(const std::string& name, DType type, std::vector<int32_t> shape,
                                 std::vector<float> scales, std::vector<int64_t> zero_points,
                                 const std::vector<uint8_t>& data, int32_t quant_axis) {
  auto t = std::make_unique<tflite::TensorT>();
  t->name = name;
  t->type = static_cast<tflite::TensorType>(type);
  t->shape = std::move(shape);
  t->has_rank = true;
  if (!scales.empty()) {
    t->quantization = std::make_unique<tflite::QuantizationParametersT>();
    t->quantization->scale = std::move(scales);
    if (zero_points.empty()) zero_points.assign(t->quantization->scale.size(), 0);
    t->quantization->zero_point = std::move(zero_points);
    t->quantization->quantized_dimension = quant_axis;
  }
  if (!data.empty()) {
    auto b = std::make_unique<tflite::BufferT>();
    b->data = data;
    t->buffer = static_cast<uint32_t>(model_.buffers.size());
    model_.buffers.push_back(std::move(b));
  }
  graph_->tensors.push_back(std::move(t));
  return static_cast<int32_t>(graph_->tensors.size() - 1);
}

void TfliteBuilder::AddOp(tflite::BuiltinOperator op, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
                          tflite::BuiltinOptionsUnion options, int32_t version) {
  uint32_t code_index = 0;
  for (; code_index < model_.operator_codes.size(); ++code_index) {
    const auto& c = model_.operator_codes[code_index];
    if (c->builtin_code == op && c->version == version) break;
  }
  if (code_index == model_.operator_codes.size()) {
    auto c = std::make_unique<tflite::OperatorCodeT>();
    c->builtin_code = op;
    // Readers older than the extended field read the deprecated byte: fill it for codes < 127.
    const int32_t code = static_cast<int32_t>(op);
    c->deprecated_builtin_code = static_cast<int8_t>(code < 127 ? code : 127);
    c->version = version;
    model_.operator_codes.push_back(std::move(c));
  }
  auto o = std::make_unique<tflite::OperatorT>();
  o->opcode_index = code_index;
  o->inputs = std::move(inputs);
  o->outputs = std::move(outputs);
  o->builtin_options = std::move(options);
  graph_->operators.push_back(std::move(o));
}

void TfliteBuilder::SetInputs(std::vector<int32_t> inputs) { graph_->inputs = std::move(inputs); }
void TfliteBuilder::SetOutputs(std::vector<int32_t> outputs) { graph_->outputs = std::move(outputs); }
void TfliteBuilder::SetDescription(const std::string& d) { model_.description = d; }

std::vector<uint8_t> TfliteBuilder::Finish() {
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflite::Model::Pack(fbb, &model_), tflite::ModelIdentifier());
  return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

}  // namespace mote
