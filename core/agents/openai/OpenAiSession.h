#pragma once
// A session of the openai backend: the conversation as a message list (fork copies it;
// a server may cache the shared prefix) and the server that answered it last, so that a
// clip's agents go to the server that has its prefix cached when it has room.
#include <QJsonArray>

#include "core/agents/LanguageModel.h"

namespace motor::agents {

class OpenAiModel;

class OpenAiSession final : public LmSession {
public:
    OpenAiSession(OpenAiModel* model, QJsonArray messages, int lastServer)
        : messages_(std::move(messages)), lastServer_(lastServer), model_(model) {}

    Status prefill(const LmContent& content, const CancelFlag* cancel) override;
    Result<std::unique_ptr<LmSession>> fork() const override;
    Result<LmOutput> generate(const LmRequest& request, const CancelFlag* cancel) override;

    QJsonArray messages_;
    int lastServer_ = -1;

private:
    OpenAiModel* model_;
};

}  // namespace motor::agents
