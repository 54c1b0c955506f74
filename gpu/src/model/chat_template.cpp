#include <algorithm>
#include <variant>

#include "motor/gpu/chat.h"
#include "motor/gpu/model.h"
#include "motor/gpu/session.h"
#include "motor/gpu/vision.h"
#include "motor/gpu/weights.h"

namespace motor::gpu {

namespace {

const char* roleName(ChatRole r) {
    switch (r) {
        case ChatRole::System:
            return "system";
        case ChatRole::User:
            return "user";
        case ChatRole::Assistant:
            return "assistant";
    }
    return "user";
}

bool contains(const std::string& haystack, const char* needle) {
    return haystack.find(needle) != std::string::npos;
}

struct Special {
    int32_t id;
};
struct Image {
    int index;
};

}  // namespace

struct ChatTemplate::Segments {
    std::vector<std::variant<std::string, Special, Image>> items;
    int images = 0;
    void text(const std::string& t) {
        if (t.empty()) return;
        if (!items.empty() && std::holds_alternative<std::string>(items.back()))
            std::get<std::string>(items.back()) += t;
        else
            items.emplace_back(t);
    }
    void special(int32_t id) {
        if (id >= 0) items.emplace_back(Special{id});
    }
    void image() { items.emplace_back(Image{images++}); }
};

int ChatPrompt::length(int tokensPerImage) const {
    int n = 0;
    for (const PromptPiece& p : pieces) n += p.image >= 0 ? tokensPerImage : int(p.tokens.size());
    return n;
}

std::vector<int32_t> ChatPrompt::flatten(int tokensPerImage, int32_t contextToken) const {
    std::vector<int32_t> out;
    for (const PromptPiece& p : pieces) {
        if (p.image >= 0)
            out.insert(out.end(), size_t(tokensPerImage), contextToken);
        else
            out.insert(out.end(), p.tokens.begin(), p.tokens.end());
    }
    return out;
}

Result<ChatTemplate> ChatTemplate::forModel(const Model& model) {
    auto tok = Tokenizer::create(model.tokenizerData());
    if (!tok) return makeError(model.weights().path() + ": tokenizer: " + tok.error().message);
    ChatTemplate t;
    t.tokenizer_.emplace(std::move(tok.value()));
    const Tokenizer& k = *t.tokenizer_;
    const std::string& stored = model.weights().chatTemplate();
    auto id = [&](const char* piece) { return k.tokenId(piece).value_or(-1); };
    const bool chatMlTokens = id("<|im_start|>") >= 0 && id("<|im_end|>") >= 0;
    const bool llama3Tokens = id("<|start_header_id|>") >= 0 && id("<|end_header_id|>") >= 0 && id("<|eot_id|>") >= 0;
    // The stored template decides when it names a family; a model without one (a
    // random test model, a bare GGUF) is recognised by its special tokens.
    if (contains(stored, "<|im_start|>") && chatMlTokens)
        t.family_ = ChatFamily::ChatMl;
    else if (contains(stored, "<|start_header_id|>") && llama3Tokens)
        t.family_ = ChatFamily::Llama3;
    else if (stored.empty() && chatMlTokens)
        t.family_ = ChatFamily::ChatMl;
    else if (stored.empty() && llama3Tokens)
        t.family_ = ChatFamily::Llama3;
    else
        t.family_ = ChatFamily::Plain;

    const TokenizerData& td = model.tokenizerData();
    if (td.addBos && td.bos >= 0) t.bos_ = td.bos;
    if (td.eos >= 0) t.stopIds_.push_back(td.eos);
    for (int32_t extra : td.extraEos) t.stopIds_.push_back(extra);
    switch (t.family_) {
        case ChatFamily::ChatMl:
            t.turnStart_ = id("<|im_start|>");
            t.turnEnd_ = id("<|im_end|>");
            // Qwen3's template writes "<think>\n\n</think>\n\n" after the assistant header
            // when thinking is switched off; labels are answered without thinking.
            t.emptyThinkBlock_ = contains(stored, "enable_thinking");
            break;
        case ChatFamily::Llama3:
            t.turnStart_ = id("<|start_header_id|>");
            t.headerEnd_ = id("<|end_header_id|>");
            t.turnEnd_ = id("<|eot_id|>");
            break;
        case ChatFamily::Plain:
            break;
    }
    if (t.turnEnd_ >= 0 && std::find(t.stopIds_.begin(), t.stopIds_.end(), t.turnEnd_) == t.stopIds_.end())
        t.stopIds_.push_back(t.turnEnd_);
    if (const VisionEncoder* v = model.vision()) {
        t.imgStart_ = v->tokenIds().imgStart;
        t.imgEnd_ = v->tokenIds().imgEnd;
        t.vision_ = t.imgStart_ >= 0 && t.imgEnd_ >= 0;
    }
    return t;
}

const char* ChatTemplate::familyName() const {
    switch (family_) {
        case ChatFamily::ChatMl:
            return emptyThinkBlock_ ? "chatml-qwen3-no-thinking" : "chatml";
        case ChatFamily::Llama3:
            return "llama3";
        case ChatFamily::Plain:
            return "plain";
    }
    return "plain";
}

void ChatTemplate::header(Segments& s, ChatRole role) const {
    switch (family_) {
        case ChatFamily::ChatMl:
            s.special(turnStart_);
            s.text(std::string(roleName(role)) + "\n");
            break;
        case ChatFamily::Llama3:
            s.special(turnStart_);
            s.text(roleName(role));
            s.special(headerEnd_);
            s.text("\n\n");
            break;
        case ChatFamily::Plain: {
            std::string r = roleName(role);
            r[0] = char(r[0] - 'a' + 'A');
            s.text("### " + r + ":\n");
            break;
        }
    }
}

void ChatTemplate::turnEnd(Segments& s) const {
    switch (family_) {
        case ChatFamily::ChatMl:
            s.special(turnEnd_);
            s.text("\n");
            break;
        case ChatFamily::Llama3:
            s.special(turnEnd_);
            break;
        case ChatFamily::Plain:
            s.text("\n\n");
            break;
    }
}

void ChatTemplate::assistantHeader(Segments& s) const {
    header(s, ChatRole::Assistant);
    if (emptyThinkBlock_) s.text("<think>\n\n</think>\n\n");
}

ChatPrompt ChatTemplate::tokenize(const Segments& s) const {
    ChatPrompt p;
    p.images = s.images;
    auto tokens = [&]() -> std::vector<int32_t>& {
        if (p.pieces.empty() || p.pieces.back().image >= 0) p.pieces.push_back(PromptPiece{});
        return p.pieces.back().tokens;
    };
    for (const auto& item : s.items) {
        if (const auto* text = std::get_if<std::string>(&item)) {
            // One run between special tokens, never parsed for special tokens.
            const auto ids = tokenizer_->encode(*text, Tokenizer::AddSpecial::No, Tokenizer::SpecialText::Plain);
            auto& out = tokens();
            out.insert(out.end(), ids.begin(), ids.end());
        } else if (const auto* sp = std::get_if<Special>(&item)) {
            tokens().push_back(sp->id);
        } else {
            p.pieces.push_back(PromptPiece{{}, std::get<Image>(item).index});
        }
    }
    return p;
}

Result<ChatPrompt> ChatTemplate::render(std::span<const ChatMessage> messages, bool atStart,
                                        bool addGenerationPrompt) const {
    Segments s;
    if (atStart) s.special(bos_);
    for (const ChatMessage& m : messages) {
        if (m.images < 0) return makeError("chat: negative image count");
        if (m.images > 0 && !vision_)
            return makeError("chat: the message shows " + std::to_string(m.images) +
                             " images but the model has no vision tower with <img>/</img> tokens");
        if (m.images > 0 && m.role != ChatRole::User) return makeError("chat: only user messages can show images");
        header(s, m.role);
        // InternVL's video layout, numbered across the prompt.
        for (int i = 0; i < m.images; ++i) {
            s.text("Frame" + std::to_string(s.images + 1) + ": ");
            s.special(imgStart_);
            s.image();
            s.special(imgEnd_);
            s.text("\n");
        }
        s.text(m.text);
        turnEnd(s);
    }
    if (addGenerationPrompt) assistantHeader(s);
    return tokenize(s);
}

ChatPrompt ChatTemplate::generationPrompt() const {
    Segments s;
    assistantHeader(s);
    return tokenize(s);
}

Result<void> prefillPrompt(Session& session, const ChatPrompt& prompt, const VisionEmbeddings* images) {
    if (prompt.images > 0 && (!images || images->frames < prompt.images))
        return makeError("prefillPrompt: the prompt has " + std::to_string(prompt.images) + " image slots but " +
                         std::to_string(images ? images->frames : 0) + " encoded frames were given");
    for (const PromptPiece& p : prompt.pieces) {
        if (p.image >= 0) {
            if (auto ok = session.prefillEmbeddings(images->frame(p.image)); !ok) return ok;
        } else if (!p.tokens.empty()) {
            if (auto ok = session.prefill(p.tokens); !ok) return ok;
        }
    }
    return {};
}

}  // namespace motor::gpu
