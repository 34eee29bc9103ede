// Every dtype of MAXIMUM in one file: the kernel is one comparison, written once in
// maximum_minimum.h.
#include "runtime/kernels/maximum_minimum.h"

namespace mote {

void maximum_f32_ref(const MaximumMinimumParams& p, const float* input1, const float* input2,
                     float* output) {
  MaximumRef(p, input1, input2, output);
}

void maximum_s8_ref(const MaximumMinimumParams& p, const int8_t* input1, const int8_t* input2,
                    int8_t* output) {
  MaximumRef(p, input1, input2, output);
}

void maximum_s16_ref(const MaximumMinimumParams& p, const int16_t* input1, const int16_t* input2,
                     int16_t* output) {
  MaximumRef(p, input1, input2, output);
}

void maximum_s32_ref(const MaximumMinimumParams& p, const int32_t* input1, const int32_t* input2,
                     int32_t* output) {
  MaximumRef(p, input1, input2, output);
}

void maximum_s64_ref(const MaximumMinimumParams& p, const int64_t* input1, const int64_t* input2,
                     int64_t* output) {
  MaximumRef(p, input1, input2, output);
}

}  // namespace mote
