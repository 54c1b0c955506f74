#pragma once
// The dashboard's numbers, computed off the GUI thread. The GUI thread takes a cheap
// snapshot of the labels (plain values, no Project access); the worker builds one
// RatingTable per dimension (items are clip ids as text) and core's metrics::Report.
// Every figure on the dashboard comes from that Report or those tables.
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>

#include "core/metrics/Report.h"
#include "core/model/Codebook.h"

namespace motor {
namespace ui {

class ProjectSession;

struct MetricsSnapshot {
    struct Rating {
        qint64 clipId;
        QString coder;
        QString dimension;
        QString label;
    };
    Codebook codebook;
    QStringList coders;   // experts first, then models and baselines
    QStringList agreementCoders;  // experts by default; the dashboard may add models
    QVector<Rating> ratings;

    static MetricsSnapshot take(const ProjectSession& session);
};

struct MetricsResult {
    QString error;  // empty when ok
    std::vector<metrics::DimensionTable> tables;
    std::optional<metrics::Report> report;
};

// reference may be empty (agreement only). bootstrapResamples 0: no intervals.
MetricsResult computeMetrics(const MetricsSnapshot& snapshot, const QString& reference, int bootstrapResamples);

}  // namespace ui
}  // namespace motor
