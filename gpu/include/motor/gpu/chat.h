#pragma once
// Chat templates belong to the engine. A model stores its template as Jinja source; the
// engine does not run Jinja. It recognises the template's family from that source and
// the tokenizer's special tokens, and renders with a renderer of that family, checked in
// tests against the ids the reference implementation renders:
//   - ChatMl (Qwen2/2.5/3, InternVL): <|im_start|>role\n...<|im_end|>\n; Qwen3 templates
//     that know enable_thinking get an empty think block after the assistant header
//     (non-thinking mode, as apply_chat_template(enable_thinking=False) writes it);
//   - Llama3: <|start_header_id|>role<|end_header_id|>\n\n...<|eot_id|>;
//   - Plain, for base models without chat tokens: "### Role:\n...\n\n".
// Images follow InternVL's video layout: a user message with N frames begins with
// "Frame1: <img>[image 1]</img>\nFrame2: <img>...</img>\n", each [image] being the
// vision encoder's tokensPerImage embedding rows (the <IMG_CONTEXT> positions).
//
// Special tokens come only from the template: message text is tokenized as plain text,
// so a transcript that contains "<|im_end|>" cannot end a turn. Text between two
// special tokens is tokenized in one run, as Hugging Face tokenizers do.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "motor/gpu/result.h"
#include "motor/gpu/tokenizer.h"

namespace motor::gpu {

class Model;
class Session;
struct VisionEmbeddings;

enum class ChatFamily { ChatMl, Llama3, Plain };
enum class ChatRole { System, User, Assistant };

struct ChatMessage {
    ChatRole role = ChatRole::User;
    std::string text;
    int images = 0;  // frames shown before the text (user messages); images are numbered across the prompt
};

// A rendered prompt: runs of token ids and image slots, in order.
struct PromptPiece {
    std::vector<int32_t> tokens;  // empty for an image slot
    int image = -1;               // index into the embeddings given to prefillPrompt, or -1
};

struct ChatPrompt {
    std::vector<PromptPiece> pieces;
    int images = 0;
    // Positions the prompt takes in a session (image slots count tokensPerImage each).
    int length(int tokensPerImage) const;
    // The ids as the reference tokenizer sees them: image slots written as
    // tokensPerImage copies of contextToken (<IMG_CONTEXT>).
    std::vector<int32_t> flatten(int tokensPerImage, int32_t contextToken) const;
};

class ChatTemplate {
public:
    // The family of the model's stored template (or, without one, of its tokenizer's
    // special tokens). Images need a vision model with <img>/</img>/<IMG_CONTEXT>.
    static Result<ChatTemplate> forModel(const Model& model);

    ChatFamily family() const { return family_; }
    const char* familyName() const;
    bool thinkingSwitch() const { return emptyThinkBlock_; }
    // The end-of-turn tokens generation stops at (with the vocabulary's EOS).
    const std::vector<int32_t>& stopIds() const { return stopIds_; }

    // Renders messages as a continuation of a conversation (atStart: the BOS, if the
    // vocabulary wants one, comes first). addGenerationPrompt: the assistant header
    // follows, ready for generation. Image counts are checked against the vision model.
    Result<ChatPrompt> render(std::span<const ChatMessage> messages, bool atStart, bool addGenerationPrompt) const;
    // Only the assistant header (after messages rendered without it).
    ChatPrompt generationPrompt() const;

private:
    struct Segments;  // text, special ids and image slots before tokenization
    ChatTemplate() = default;
    void header(Segments& s, ChatRole role) const;
    void turnEnd(Segments& s) const;
    void assistantHeader(Segments& s) const;
    ChatPrompt tokenize(const Segments& s) const;

    std::optional<Tokenizer> tokenizer_;
    ChatFamily family_ = ChatFamily::Plain;
    bool emptyThinkBlock_ = false;
    int32_t bos_ = -1;
    int32_t turnStart_ = -1, turnEnd_ = -1;  // <|im_start|>/<|im_end|>, <|start_header_id|>/<|eot_id|>
    int32_t headerEnd_ = -1;                 // <|end_header_id|>
    int32_t imgStart_ = -1, imgEnd_ = -1;
    bool vision_ = false;
    std::vector<int32_t> stopIds_;
};

// Appends a rendered prompt to a session: token runs with prefill, image slot i with
// the rows of images->frame(i). images may be null when the prompt has no slots.
Result<void> prefillPrompt(Session& session, const ChatPrompt& prompt, const VisionEmbeddings* images);

}  // namespace motor::gpu
