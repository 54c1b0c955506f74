#pragma once
// The project's records as plain values. Times are milliseconds on the media timeline.
#include <QJsonObject>
#include <QString>
#include <cmath>
#include <cstdint>

namespace motor {

struct Media {
    int64_t id = 0;
    QString path;  // relative to the project file's folder when possible
    int64_t sizeBytes = 0;
    QString contentHash;  // fingerprint to relink moved media (see MediaFingerprint)
    int64_t durationMs = 0;
    double fps = 0.0;
    int width = 0;
    int height = 0;
    int rotationDeg = 0;
    bool hasAudio = false;
};

struct Clip {
    int64_t id = 0;
    QString key;  // stable string id, unique in the project
    int64_t mediaId = 0;
    int64_t startMs = 0;
    int64_t endMs = 0;
    QString group;
    QString session;
    // Its range changed after it was labelled: its labels want a second look.
    bool needsReview = false;

    int64_t durationMs() const { return endMs - startMs; }
};

struct Utterance {
    int64_t id = 0;
    int64_t mediaId = 0;
    int64_t startMs = 0;
    int64_t endMs = 0;
    QString speaker;
    QString text;
    QString language;
};

enum class AnnotatorKind { Human, Model, Baseline };
QString annotatorKindName(AnnotatorKind k);
bool parseAnnotatorKind(const QString& s, AnnotatorKind* out);

struct Annotator {
    int64_t id = 0;
    QString name;
    AnnotatorKind kind = AnnotatorKind::Human;
    QJsonObject provenance;  // model runs: backend, model, hashes, parameters, mode...
};

struct Annotation {
    int64_t id = 0;
    int64_t annotatorId = 0;
    int64_t clipId = 0;
    QString dimension;
    QString label;
    QString note;
    QString rationale;
    double confidence = std::nan("");  // NaN when the coder gave none
    qint64 updatedAtMs = 0;
};

struct AuditEntry {
    int64_t id = 0;
    qint64 atMs = 0;
    int64_t annotatorId = 0;
    int64_t clipId = 0;
    QString dimension;
    QString oldLabel;  // empty: none before
    QString newLabel;  // empty: removed
    QString oldNote;
    QString newNote;
    int64_t clipTimeMs = -1;  // where in the clip the coder was (GUI); -1: unknown
    QString source;           // gui, cli, import, merge, run; empty: before schema 2
};

}  // namespace motor
