#include "core/agents/PredictorMode.h"

namespace motor::agents {

QString predictorModeName(PredictorMode m) {
    switch (m) {
        case PredictorMode::MotorMas:
            return QStringLiteral("motor-mas");
        case PredictorMode::SingleAgent:
            return QStringLiteral("single-agent");
        case PredictorMode::NoSrl:
            return QStringLiteral("no-srl");
        case PredictorMode::TextOnly:
            return QStringLiteral("text-only");
    }
    return {};
}

bool parsePredictorMode(const QString& s, PredictorMode* out) {
    for (PredictorMode m :
         {PredictorMode::MotorMas, PredictorMode::SingleAgent, PredictorMode::NoSrl, PredictorMode::TextOnly}) {
        if (s == predictorModeName(m)) {
            *out = m;
            return true;
        }
    }
    return false;
}

}  // namespace motor::agents
