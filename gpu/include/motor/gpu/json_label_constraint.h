#pragma once
// Constrained decoding for the predictor's answer: the output always parses as
//   {"label": <one of labels>, "rationale": <string of at most maxRationaleChars>}
// (keys in that order, up to 8 whitespace bytes allowed between tokens of the JSON).
// Works on token byte strings: token t is allowed at a step only if its bytes keep the
// output a prefix of the grammar; end-of-sequence tokens only once the object is closed.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "motor/gpu/result.h"

namespace motor::gpu {

struct LabelSchema {
    std::vector<std::string> labels;  // at most 64, distinct, non-empty
    int maxRationaleChars = 280;      // Unicode characters (an escape counts as one)
};

class JsonLabelConstraint {
public:
    // A position in the grammar; small and copyable (one per session/branch).
    struct State {
        uint8_t item = 0;         // grammar element being matched
        uint16_t offset = 0;      // bytes of a literal / label, whitespace run, or chars
        uint64_t candidates = 0;  // labels still consistent with the label bytes so far
        uint8_t escape = 0;       // 0, 1 after '\', 2..5 inside \uXXXX
        uint8_t utf8Pending = 0;  // continuation bytes still expected
        int8_t label = -1;        // chosen label once its closing quote is seen
    };

    // tokenBytes[id]: the bytes token id decodes to (empty: never allowed, e.g. control
    // tokens). eosIds: tokens that end the output.
    static Result<JsonLabelConstraint> create(LabelSchema schema, std::vector<std::string> tokenBytes,
                                              std::vector<int32_t> eosIds);

    State initial() const;
    bool isEos(int32_t token) const;
    // Whether token may follow state.
    bool allows(const State& state, int32_t token) const;
    // Sets the logits of every token not allowed in state to -infinity.
    void mask(const State& state, std::span<float> logits) const;
    // Advances over token's bytes; false (state unchanged) if the token is not allowed.
    bool advance(State& state, int32_t token) const;
    // The JSON object is closed: only end-of-sequence remains.
    bool complete(const State& state) const;
    // The label is fixed (its value is unambiguous, even if not yet closed): its index.
    std::optional<int> determinedLabel(const State& state) const;
    // Some bytes of the label value have been emitted (or it is already closed).
    bool labelStarted(const State& state) const;
    // Whether any token can end the output (an end-of-sequence id was given).
    bool hasEos() const { return hasEos_; }
    // Narrows the labels state may still produce to those in mask (bit i = labels[i]);
    // used to commit to the most probable label before its bytes are emitted.
    void restrictLabels(State& state, uint64_t mask) const;
    // Labels still possible from state (bit i = labels[i]).
    uint64_t possibleLabels(const State& state) const;

    const LabelSchema& schema() const { return schema_; }
    const std::vector<std::string>& tokenBytes() const { return tokenBytes_; }
    int vocabSize() const { return int(tokenBytes_.size()); }

private:
    JsonLabelConstraint() = default;
    bool feed(State& s, uint8_t byte) const;

    LabelSchema schema_;
    std::vector<std::string> encodedLabels_;  // JSON-escaped label bytes
    std::vector<std::string> tokenBytes_;
    std::vector<bool> eos_;
    bool hasEos_ = false;
    std::vector<std::vector<int32_t>> byFirstByte_;
    std::vector<int>
        plainChars_;  // characters of a plain-text token, -1 otherwise  // non-EOS tokens grouped by first byte
};

}  // namespace motor::gpu
