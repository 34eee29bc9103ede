// Per-layer timing for `mote profile --per-layer`. The profile_layers build force-includes this
// header (-include) into every source, so the AOT module's invoke() calls the hooks around each
// layer (`mote compile` emits MOTE_AOT_LAYER_BEGIN/END, empty in every other build), and
// profile_main.cc calls them around each interpreter node. The hooks add the ticks between
// begin and end to the layer's total.
#pragma once

#ifdef __cplusplus
extern "C" {
#endif
void mote_profile_layer_begin(int layer);
void mote_profile_layer_end(int layer);
#ifdef __cplusplus
}
#endif

#define MOTE_AOT_LAYER_BEGIN(layer) mote_profile_layer_begin(layer)
#define MOTE_AOT_LAYER_END(layer) mote_profile_layer_end(layer)
