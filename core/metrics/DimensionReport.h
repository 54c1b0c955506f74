#pragma once
// What the report holds for one dimension (behavior, cognition, ...): agreement among
// the annotators and each annotator scored against the reference. Plain data, filled
// by Report::build; intervals stay undefined unless bootstrap was asked for.
#include <QString>
#include <QStringList>
#include <vector>

#include "core/metrics/Bootstrap.h"
#include "core/metrics/ClassificationScores.h"
#include "core/metrics/FleissKappa.h"
#include "core/metrics/KrippendorffAlpha.h"

namespace motor::metrics {

struct PairKappa {
    QString a;
    QString b;
    double kappa = 0.0;
    long long n = 0;
    Interval interval;
};

struct Agreement {
    QStringList annotators;  // coders with at least one rating, table order
    FleissKappa fleiss;
    KrippendorffAlpha alpha;
    std::vector<PairKappa> cohen;  // every pair (i < j) of annotators
    Interval fleissInterval;
    Interval alphaInterval;
};

struct ReferenceComparison {
    QString annotator;
    ClassificationScores scores;
    Interval macroF1Interval;
};

struct DimensionReport {
    QString name;
    QStringList classes;
    Agreement agreement;
    std::vector<ReferenceComparison> vsReference;  // empty without a reference
};

}  // namespace motor::metrics
