#pragma once
// The inference engine's entry point: load a model, run sessions, sample, decode under
// a JSON label constraint. Everything core/ needs from motor_gpu.
#include <string>
#include <vector>

#include "motor/gpu/generate.h"
#include "motor/gpu/json_label_constraint.h"
#include "motor/gpu/model.h"
#include "motor/gpu/sampler.h"
#include "motor/gpu/session.h"
#include "motor/gpu/weights.h"
