#pragma once
// The inference engine's entry point: load a model, run sessions, sample, decode under
// a JSON label constraint. Everything core/ needs from motor_gpu.
#include "motor/gpu/model.h"
#include "motor/gpu/session.h"
#include "motor/gpu/weights.h"
