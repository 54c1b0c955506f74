#pragma once
// What Project::mergeFrom() did or would do: bringing coders' copies of a project together.
#include <QString>
#include <QStringList>
#include <QVector>

namespace motor {

// How a label that one coder set differently in the two copies is settled. Report
// settles nothing: a merge with conflicts then writes nothing and lists them.
enum class MergeResolution { Report, KeepTarget, TakeSource, Newer };
const char* mergeResolutionName(MergeResolution r);
bool parseMergeResolution(const QString& text, MergeResolution* out);

struct MergeConflict {
    QString clipKey;
    QString coder;
    QString dimension;
    QString targetLabel, targetNote;
    QString sourceLabel, sourceNote;
    qint64 targetUpdatedMs = 0;
    qint64 sourceUpdatedMs = 0;
    QString resolvedTo;  // "target", "source" or empty (unresolved)
};

struct MergeReport {
    QString source;        // the source project's path
    bool applied = false;  // false: dry run, or unresolved conflicts (nothing written)
    int mediaAdded = 0;
    int clipsAdded = 0;
    int annotatorsAdded = 0;
    int labelsAdded = 0;     // the target had no label there
    int labelsSame = 0;      // both copies agree
    int labelsReplaced = 0;  // conflicts settled for the source
    int historyAdded = 0;    // audit entries carried over
    int runItemsAdded = 0;
    int utterancesAdded = 0;
    QVector<MergeConflict> conflicts;
    QStringList warnings;  // clips whose range differs, transcripts left as they were...
    int unresolved() const {
        int n = 0;
        for (const auto& c : conflicts) n += c.resolvedTo.isEmpty();
        return n;
    }
};

}  // namespace motor
