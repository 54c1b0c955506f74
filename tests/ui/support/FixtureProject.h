#pragma once
// A small but complete project for UI tests and screenshots, built only through core:
// one synthetic recording cut into clips, Finnish utterances, experts who mostly agree
// and model runs with rationale and confidence. Deterministic for a given seed.
#include <QString>
#include <QStringList>

#include "core/util/Result.h"

namespace motor::testing {

struct FixtureOptions {
    int clipCount = 12;
    int clipMs = 4000;
    int groups = 3;
    bool withMedia = true;   // write DIR/media/lesson.mp4 with core/media
    bool withModels = true;  // add model runs
    QStringList experts = {QStringLiteral("Expert A"), QStringLiteral("Expert B")};
    // Experts other than the first label this share of clips.
    double secondaryCoverage = 1.0;
    unsigned seed = 7;
};

// Creates DIR/NAME.motor; returns its path.
Result<QString> createFixtureProject(const QString& dir, const QString& name, const FixtureOptions& options = {});

}  // namespace motor::testing
