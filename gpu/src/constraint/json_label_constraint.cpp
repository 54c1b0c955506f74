#include "motor/gpu/json_label_constraint.h"

#include <cmath>
#include <limits>

namespace motor::gpu {

namespace {

constexpr int kMaxWhitespace = 8;

enum class Kind : uint8_t { Ws, Lit, Label, Str, End };
struct Item {
    Kind kind;
    const char* literal;
};

// {"label": "<label>", "rationale": "<text>"} with optional whitespace between tokens.
constexpr Item kGrammar[] = {
    {Kind::Ws, nullptr},          {Kind::Lit, "{"},    {Kind::Ws, nullptr},
    {Kind::Lit, "\"label\""},     {Kind::Ws, nullptr}, {Kind::Lit, ":"},
    {Kind::Ws, nullptr},          {Kind::Lit, "\""},   {Kind::Label, nullptr},
    {Kind::Ws, nullptr},          {Kind::Lit, ","},    {Kind::Ws, nullptr},
    {Kind::Lit, "\"rationale\""}, {Kind::Ws, nullptr}, {Kind::Lit, ":"},
    {Kind::Ws, nullptr},          {Kind::Lit, "\""},   {Kind::Str, nullptr},
    {Kind::Ws, nullptr},          {Kind::Lit, "}"},    {Kind::End, nullptr},
};
constexpr uint8_t kLabelItem = 8;
constexpr uint8_t kEndItem = uint8_t(std::size(kGrammar) - 1);

bool isWs(uint8_t b) {
    return b == ' ' || b == '\n' || b == '\t' || b == '\r';
}
bool isHex(uint8_t b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
}

std::string jsonEscape(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20) {
            static const char* hex = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += char(c);
        }
    }
    return out;
}

// Characters of a token made only of whole UTF-8 characters that need no escaping in a
// JSON string, or -1.
int plainCharCount(const std::string& bytes) {
    if (bytes.empty()) return -1;
    int chars = 0;
    for (size_t i = 0; i < bytes.size();) {
        const auto b = uint8_t(bytes[i]);
        if (b < 0x20 || b == '"' || b == '\\') return -1;
        const int len = b < 0x80                  ? 1
                        : (b >= 0xC2 && b < 0xE0) ? 2
                        : (b >= 0xE0 && b < 0xF0) ? 3
                        : (b >= 0xF0 && b < 0xF5) ? 4
                                                  : 0;
        if (len == 0 || i + size_t(len) > bytes.size()) return -1;
        for (int k = 1; k < len; ++k)
            if ((uint8_t(bytes[i + size_t(k)]) & 0xC0) != 0x80) return -1;
        i += size_t(len);
        ++chars;
    }
    return chars;
}

void nextItem(JsonLabelConstraint::State& s) {
    ++s.item;
    s.offset = 0;
}

}  // namespace

Result<JsonLabelConstraint> JsonLabelConstraint::create(LabelSchema schema, std::vector<std::string> tokenBytes,
                                                        std::vector<int32_t> eosIds) {
    if (schema.labels.empty() || schema.labels.size() > 64)
        return makeError("label constraint: needs 1 to 64 labels, got " + std::to_string(schema.labels.size()));
    for (size_t i = 0; i < schema.labels.size(); ++i) {
        if (schema.labels[i].empty()) return makeError("label constraint: label " + std::to_string(i) + " is empty");
        for (size_t j = 0; j < i; ++j)
            if (schema.labels[j] == schema.labels[i])
                return makeError("label constraint: label \"" + schema.labels[i] + "\" appears twice");
    }
    if (schema.maxRationaleChars < 0) return makeError("label constraint: maxRationaleChars is negative");
    JsonLabelConstraint c;
    for (const auto& l : schema.labels) c.encodedLabels_.push_back(jsonEscape(l));
    c.schema_ = std::move(schema);
    c.tokenBytes_ = std::move(tokenBytes);
    c.eos_.assign(c.tokenBytes_.size(), false);
    for (int32_t id : eosIds) {
        if (id < 0 || size_t(id) >= c.tokenBytes_.size())
            return makeError("label constraint: end-of-sequence id " + std::to_string(id) + " outside the vocabulary");
        c.eos_[size_t(id)] = true;
        c.hasEos_ = true;
    }
    c.plainChars_.assign(c.tokenBytes_.size(), -1);
    for (size_t id = 0; id < c.tokenBytes_.size(); ++id) c.plainChars_[id] = plainCharCount(c.tokenBytes_[id]);
    c.byFirstByte_.resize(256);
    for (size_t id = 0; id < c.tokenBytes_.size(); ++id)
        if (!c.eos_[id] && !c.tokenBytes_[id].empty())
            c.byFirstByte_[uint8_t(c.tokenBytes_[id][0])].push_back(int32_t(id));
    return c;
}

JsonLabelConstraint::State JsonLabelConstraint::initial() const {
    State s;
    s.candidates = schema_.labels.size() == 64 ? ~uint64_t(0) : (uint64_t(1) << schema_.labels.size()) - 1;
    return s;
}

bool JsonLabelConstraint::isEos(int32_t token) const {
    return token >= 0 && size_t(token) < eos_.size() && eos_[size_t(token)];
}

void JsonLabelConstraint::restrictLabels(State& s, uint64_t mask) const {
    if (s.label >= 0) return;
    if (s.candidates & mask) s.candidates &= mask;
}

bool JsonLabelConstraint::labelStarted(const State& s) const {
    return s.item > kLabelItem || (s.item == kLabelItem && s.offset > 0);
}

bool JsonLabelConstraint::complete(const State& s) const {
    return s.item == kEndItem;
}

uint64_t JsonLabelConstraint::possibleLabels(const State& s) const {
    if (s.label >= 0) return uint64_t(1) << s.label;
    return s.candidates;
}

std::optional<int> JsonLabelConstraint::determinedLabel(const State& s) const {
    if (s.label >= 0) return s.label;
    if (s.item == kLabelItem && s.offset > 0 && s.candidates != 0 && (s.candidates & (s.candidates - 1)) == 0) {
        // One candidate left; it is determined unless its full text could still close
        // (then the closing quote is the only continuation anyway).
        int i = 0;
        while (!((s.candidates >> i) & 1)) ++i;
        return i;
    }
    return std::nullopt;
}

bool JsonLabelConstraint::feed(State& s, uint8_t b) const {
    for (;;) {
        const Item& it = kGrammar[s.item];
        switch (it.kind) {
            case Kind::End:
                return false;
            case Kind::Ws:
                if (isWs(b) && s.offset < kMaxWhitespace) {
                    ++s.offset;
                    return true;
                }
                nextItem(s);
                continue;  // whitespace is optional: the byte belongs to the next item
            case Kind::Lit:
                if (uint8_t(it.literal[s.offset]) != b) return false;
                if (it.literal[++s.offset] == '\0') nextItem(s);
                return true;
            case Kind::Label: {
                if (b == '"') {
                    for (size_t i = 0; i < encodedLabels_.size(); ++i)
                        if (((s.candidates >> i) & 1) && encodedLabels_[i].size() == s.offset) {
                            s.label = int8_t(i);
                            s.candidates = uint64_t(1) << i;
                            nextItem(s);
                            return true;
                        }
                    return false;
                }
                uint64_t next = 0;
                for (size_t i = 0; i < encodedLabels_.size(); ++i)
                    if (((s.candidates >> i) & 1) && encodedLabels_[i].size() > s.offset &&
                        uint8_t(encodedLabels_[i][s.offset]) == b)
                        next |= uint64_t(1) << i;
                if (!next) return false;
                s.candidates = next;
                ++s.offset;
                return true;
            }
            case Kind::Str: {
                const int limit = schema_.maxRationaleChars;
                if (s.escape == 1) {
                    if (b == 'u') {
                        s.escape = 2;
                        return true;
                    }
                    if (b != '"' && b != '\\' && b != '/' && b != 'b' && b != 'f' && b != 'n' && b != 'r' && b != 't')
                        return false;
                    s.escape = 0;
                    return true;
                }
                if (s.escape >= 2) {
                    if (!isHex(b)) return false;
                    s.escape = s.escape == 5 ? 0 : uint8_t(s.escape + 1);
                    return true;
                }
                if (s.utf8Pending > 0) {
                    if ((b & 0xC0) != 0x80) return false;
                    --s.utf8Pending;
                    return true;
                }
                if (b == '"') {
                    nextItem(s);
                    return true;
                }
                if (b < 0x20 || (b & 0xC0) == 0x80 || b >= 0xF5 || b == 0xC0 || b == 0xC1) return false;
                if (s.offset >= limit) return false;  // a new character would exceed the limit
                ++s.offset;
                if (b == '\\')
                    s.escape = 1;
                else if (b >= 0xF0)
                    s.utf8Pending = 3;
                else if (b >= 0xE0)
                    s.utf8Pending = 2;
                else if (b >= 0xC0)
                    s.utf8Pending = 1;
                return true;
            }
        }
    }
}

bool JsonLabelConstraint::advance(State& state, int32_t token) const {
    if (token < 0 || size_t(token) >= tokenBytes_.size()) return false;
    if (eos_[size_t(token)]) return complete(state);
    const std::string& bytes = tokenBytes_[size_t(token)];
    if (bytes.empty()) return false;
    State s = state;
    for (unsigned char b : bytes)
        if (!feed(s, b)) return false;
    state = s;
    return true;
}

bool JsonLabelConstraint::allows(const State& state, int32_t token) const {
    State s = state;
    return advance(s, token);
}

void JsonLabelConstraint::mask(const State& state, std::span<float> logits) const {
    const float ninf = -std::numeric_limits<float>::infinity();
    std::vector<bool> ok(logits.size(), false);
    // Inside the rationale, most of a large vocabulary is plain text: such a token is
    // allowed iff its characters fit, without walking its bytes.
    const bool plainState = kGrammar[state.item].kind == Kind::Str && state.escape == 0 && state.utf8Pending == 0;
    const int room = schema_.maxRationaleChars - int(state.offset);
    // Group by first byte: most tokens die on it, and it is checked once per group.
    for (int b = 0; b < 256; ++b) {
        const auto& group = byFirstByte_[size_t(b)];
        if (group.empty()) continue;
        State probe = state;
        if (!feed(probe, uint8_t(b))) continue;
        for (int32_t id : group) {
            if (size_t(id) >= logits.size()) continue;
            if (plainState && plainChars_[size_t(id)] >= 0) {
                ok[size_t(id)] = plainChars_[size_t(id)] <= room;
                continue;
            }
            State s = probe;
            const std::string& bytes = tokenBytes_[size_t(id)];
            bool good = true;
            for (size_t i = 1; i < bytes.size() && good; ++i) good = feed(s, uint8_t(bytes[i]));
            ok[size_t(id)] = good;
        }
    }
    const bool done = complete(state);
    for (size_t i = 0; i < logits.size(); ++i) {
        if (i < eos_.size() && eos_[i]) ok[i] = done;
        if (!ok[i]) logits[i] = ninf;
    }
}

}  // namespace motor::gpu
