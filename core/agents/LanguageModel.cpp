#include "core/agents/LanguageModel.h"

namespace motor::agents {

std::vector<Result<LmOutput>> LanguageModel::generateBatch(const std::vector<LmSession*>& sessions,
                                                           const std::vector<LmRequest>& requests,
                                                           const CancelFlag* cancel) {
    std::vector<Result<LmOutput>> out;
    out.reserve(sessions.size());
    for (size_t i = 0; i < sessions.size(); ++i) {
        if (cancelled(cancel))
            out.push_back(cancelledError());
        else
            out.push_back(sessions[i]->generate(requests[i], cancel));
    }
    return out;
}

}  // namespace motor::agents
