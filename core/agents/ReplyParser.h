#pragma once
// Strict parsing of a model's free-text reply into labels, for backends that cannot
// enforce the constraint while decoding. Accepts one JSON object (optionally inside a
// ``` fence or surrounded by prose); every constraint field must hold one of its labels
// (matched case-insensitively, returned in codebook spelling). Anything else is an error
// that says what was wrong, so the caller can ask again.
#include "core/agents/LanguageModel.h"

namespace motor::agents {

Result<LmOutput> parseReply(const QString& reply, const LmConstraint& constraint);

// Keeps at most maxChars characters, cut at a word boundary when one is near.
QString boundRationale(const QString& text, int maxChars);

}  // namespace motor::agents
