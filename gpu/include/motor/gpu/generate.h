#pragma once
// Generation loop over a Session: sample (optionally under the JSON label constraint)
// until an end token, a stop token, the token budget, or the closed JSON object.
#include <atomic>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "motor/gpu/json_label_constraint.h"
#include "motor/gpu/result.h"
#include "motor/gpu/sampler.h"
#include "motor/gpu/session.h"
#include "motor/gpu/tokenizer_data.h"

namespace motor::gpu {

class Model;

enum class StopReason { EndToken, StopToken, MaxTokens, ConstraintComplete, Cancelled };

// How a constrained generation picks its label: as the sampler draws the tokens that
// spell it, or the label with the highest labelProbabilities (the reported confidence
// then always belongs to the emitted label; the rationale is still sampled).
enum class LabelChoice { Sampled, MostProbable };

struct LabelProbabilityOptions {
    // Branches whose probability falls below this are not expanded further; their mass
    // is split evenly among the labels they still allow.
    double minBranchProbability = 0.01;
    int maxExtraForwardPasses = 8;
};

struct GenerateOptions {
    int maxTokens = 256;
    SamplerOptions sampler;
    const JsonLabelConstraint* constraint = nullptr;  // not owned
    std::vector<int32_t> stopIds;                     // end generation (not part of the text); EOS ids go here too
    // Bytes of each token for the returned text; nullptr: the constraint's table, else
    // tokenBytesFromTokenizerData(model.tokenizerData()).
    const std::vector<std::string>* tokenBytes = nullptr;
    LabelProbabilityOptions labelProbability;
    LabelChoice labelChoice = LabelChoice::Sampled;
};

struct GenerateResult {
    std::vector<int32_t> tokens;  // generated tokens (the stop token excluded)
    std::string text;
    StopReason stop = StopReason::MaxTokens;
    // With a constraint: the chosen label and P(label) for every schema label (same
    // order as LabelSchema::labels), computed at the step where the label is decided.
    std::optional<std::string> label;
    int labelIndex = -1;
    std::vector<double> labelProbabilities;
};

// Continues session from its current logits (it must have been prefilled); every
// generated token except the stop token is appended to the session.
Result<GenerateResult> generate(Session& session, const GenerateOptions& options);

// The one generation loop (generate() is this with one session): sessions[i] continues
// under options[i], and every step advances all unfinished sequences in one batched
// pass (Session::decodeBatch). Each sequence is decided exactly as it would be alone:
// logits do not depend on batching, and samplers, constraints and label probabilities
// are per sequence. Sessions must be distinct and of one model. cancel (may be null)
// is checked before every step; a cancelled sequence ends with StopReason::Cancelled
// and keeps what it decided (its label, if that was decided).
std::vector<Result<GenerateResult>> generateBatch(std::span<Session* const> sessions,
                                                  std::span<const GenerateOptions> options,
                                                  const std::atomic<bool>* cancel = nullptr);

// P(label) for each label of the constraint's schema, from session's current logits and
// state: the model's probability of each label restricted to grammar-valid tokens (the
// chain rule over the token tree that spells the label, forking session for branches
// that do not yet determine a label). Sums to 1.
Result<std::vector<double>> labelProbabilities(const Session& session, const JsonLabelConstraint& constraint,
                                               const JsonLabelConstraint::State& state,
                                               const LabelProbabilityOptions& options = {});

// Token id -> bytes from a vocabulary as stored (SentencePiece U+2581 and <0xAB> byte
// pieces; GPT-2 byte-level BPE unicode mapping). Control/unused tokens map to "".
std::vector<std::string> tokenBytesFromTokenizerData(const TokenizerData& data);

}  // namespace motor::gpu
