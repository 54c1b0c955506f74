#pragma once
// The inference engine's entry point: load a model, run sessions, sample, decode under
// a JSON label constraint. Everything core/ needs from motor_gpu.
//
// The MOTOR-MAS shape, in short:
//   auto weights = openModel(path);                         // Result<unique_ptr<ModelWeights>>
//   auto model = Model::load(std::move(*weights));          // validates every tensor
//   Session clip = (*model)->newSession();
//   clip.prefill(contextTokens);                            // one batched pass
//   auto bytes = tokenBytesForModel(**model);
//   auto c = JsonLabelConstraint::create({{"Monitoring", "Controlling", "Mixed"}, 280},
//                                        *bytes, eosIds);
//   Session behavior = clip.fork();                         // shares the KV pages
//   behavior.prefill(behaviorPromptTokens);
//   GenerateOptions o; o.constraint = &*c; o.stopIds = eosIds;
//   auto r = generate(behavior, o);   // r->label, r->labelProbabilities, r->text (JSON)
// Several sessions (agents or clips) advance together with Session::decodeBatch.
// Logits do not depend on batching: prefill, decode, fork and decodeBatch agree bit
// for bit. A Model may be shared by threads (its forward passes take turns); a Session
// is used by one thread at a time.
#include <string>
#include <vector>

#include "motor/gpu/convert.h"
#include "motor/gpu/generate.h"
#include "motor/gpu/json_label_constraint.h"
#include "motor/gpu/model.h"
#include "motor/gpu/sampler.h"
#include "motor/gpu/session.h"
#include "motor/gpu/vision.h"
#include "motor/gpu/weights.h"

namespace motor::gpu {

// One-call text generation for the CLI (`motor models generate`): tokenizes prompt with
// the model's tokenizer (BOS and SentencePiece dummy prefix as the vocabulary asks),
// prefills a fresh session, generates. With no stopIds given, the vocabulary's
// end-of-generation ids stop it. result.text is the continuation only.
Result<GenerateResult> generateText(const Model& model, const std::string& prompt, GenerateOptions options = {});

// Token id -> bytes via the tokenizer (control tokens map to "" so a constraint never
// allows them): the table JsonLabelConstraint::create expects.
Result<std::vector<std::string>> tokenBytesForModel(const Model& model);

}  // namespace motor::gpu
