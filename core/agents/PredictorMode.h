#pragma once
// The paper's predictor and its ablations.
#include <QString>

namespace motor::agents {

enum class PredictorMode {
    MotorMas,     // Behavior -> Cognition -> Emotion agents, SRL prompts, frames + transcript
    SingleAgent,  // one prompt for every dimension
    NoSrl,        // agents with generic task descriptions
    TextOnly,     // agents without frames
};

QString predictorModeName(PredictorMode m);  // "motor-mas", "single-agent", ...
bool parsePredictorMode(const QString& s, PredictorMode* out);
inline bool modeUsesFrames(PredictorMode m) {
    return m != PredictorMode::TextOnly;
}

}  // namespace motor::agents
