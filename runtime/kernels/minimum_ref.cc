// Every dtype of MINIMUM in one file: the kernel is one comparison, written once in
// maximum_minimum.h.
#include "runtime/kernels/maximum_minimum.h"

namespace mote {

void minimum_f32_ref(const MaximumMinimumParams& p, const float* input1, const float* input2,
                     float* output) {
  MinimumRef(p, input1, input2, output);
}

void minimum_s8_ref(const MaximumMinimumParams& p, const int8_t* input1, const int8_t* input2,
                    int8_t* output) {
  MinimumRef(p, input1, input2, output);
}

void minimum_s16_ref(const MaximumMinimumParams& p, const int16_t* input1, const int16_t* input2,
                     int16_t* output) {
  MinimumRef(p, input1, input2, output);
}

void minimum_s32_ref(const MaximumMinimumParams& p, const int32_t* input1, const int32_t* input2,
                     int32_t* output) {
  MinimumRef(p, input1, input2, output);
}

void minimum_s64_ref(const MaximumMinimumParams& p, const int64_t* input1, const int64_t* input2,
                     int64_t* output) {
  MinimumRef(p, input1, input2, output);
}

}  // namespace mote
