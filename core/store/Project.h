#pragma once
// One MOTOR project = one SQLite file. A Project is one connection: use it from one
// thread; a background job opens its own Project on the same file (WAL lets an expert
// label while the predictor writes).
#include <QDir>
#include <QJsonObject>
#include <QString>
#include <QVector>
#include <functional>
#include <memory>
#include <optional>

#include "core/model/Codebook.h"
#include "core/model/Entities.h"
#include "core/store/MergeReport.h"
#include "core/store/SqliteDatabase.h"
#include "core/util/Result.h"

namespace motor {

struct ProjectCounts {
    int64_t media = 0;
    int64_t clips = 0;
    int64_t utterances = 0;
    int64_t annotators = 0;
    int64_t annotations = 0;
};

// One stored label as indices into the project's codebook: what the metrics need,
// without a string per row.
struct CodedLabel {
    int64_t annotatorId = 0;
    int64_t clipId = 0;
    int dimension = 0;  // index into codebook().dimensions
    int label = 0;      // index into that dimension's classes
};

// What wrote a label, for the coding log.
enum class LabelSource { Unknown, Gui, Cli, Import, Merge, Run };
const char* labelSourceName(LabelSource source);

struct LabelWrite {
    int64_t clipId = 0;
    int64_t annotatorId = 0;
    QString dimension;
    QString label;  // empty removes the label
    QString note;
    QString rationale;
    double confidence = std::nan("");
    int64_t clipTimeMs = -1;  // the player's position in the clip when labelled (GUI)
    LabelSource source = LabelSource::Unknown;
};

// One line of the coding log: who labelled what, when (wall clock) and where in the clip.
struct CodingLogEntry {
    qint64 atMs = 0;
    QString coder;
    AnnotatorKind coderKind = AnnotatorKind::Human;
    QString clipKey;
    int64_t clipTimeMs = -1;
    QString dimension;
    QString oldLabel;
    QString newLabel;
    QString oldNote;
    QString newNote;
    QString source;
};

// A rename in a new codebook version: the labels stored under the old name move to the
// new one. `fromClass` empty: the dimension itself is renamed.
struct CodebookRename {
    QString dimension;  // as named in the current codebook
    QString fromClass;
    QString to;
};

// What a new codebook version does to the stored labels.
struct CodebookChange {
    int migratedLabels = 0;  // labels a rename moves
    // "dimension/class: N labels" for each used class the new version lacks; a change
    // with any is refused.
    QStringList orphaned;
};

class Project {
public:
    ~Project();
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;

    // Creates a new project file; fails if the file exists.
    static Result<std::unique_ptr<Project>> create(const QString& path, const Codebook& codebook);
    // Opens an existing project. A file that is not a project, a damaged database or a
    // project from a newer version fails with a message and is not modified. An older
    // schema is migrated after a backup copy (PATH.bak-vN) is written.
    // Access::Read (reports, exports): a project this user cannot write (a read-only
    // folder or file, an archive) opens for reading; every write then fails. Access::Write
    // refuses such a project with a message that says so.
    enum class Access { Write, Read };
    static Result<std::unique_ptr<Project>> open(const QString& path, Access access = Access::Write);

    const QString& path() const { return path_; }
    QString name() const;
    QDir baseDir() const;
    // Media paths are stored relative to the project folder when inside it.
    QString relativeMediaPath(const QString& absolutePath) const;
    QString absoluteMediaPath(const Media& m) const;

    const Codebook& codebook() const { return codebook_; }
    Status setCodebook(const Codebook& codebook);
    // Every codebook version the project has had, oldest first.
    Result<QVector<Codebook>> codebookVersions();
    // What replacing the codebook with `next` (after `renames`) would do to the labels.
    Result<CodebookChange> planCodebookChange(const Codebook& next, const QVector<CodebookRename>& renames);
    // A new codebook version: refused, changing nothing, when a used class or dimension
    // would be left without a place in `next` (orphaned labels); otherwise the renamed
    // labels (and their audit history) move and the version is stored, in one
    // transaction. The version number becomes the current one + 1.
    Result<CodebookChange> changeCodebook(Codebook next, const QVector<CodebookRename>& renames);

    // Runs fn inside BEGIN IMMEDIATE/COMMIT; any error rolls everything back. Nested
    // calls join the outer transaction.
    Status transaction(const std::function<Status()>& fn);

    Result<int64_t> addMedia(const Media& m);
    Status updateMediaPath(int64_t mediaId, const QString& path);
    Result<QVector<Media>> media();
    Result<Media> mediaById(int64_t id);
    Result<std::optional<Media>> mediaByPath(const QString& path);

    Result<int64_t> addClip(const Clip& c);
    // In natural order of their ids (long-2 before long-10).
    Result<QVector<Clip>> clips();
    // Removes a clip that nobody has labelled; refuses one with labels.
    Status deleteClip(int64_t clipId);
    // Puts back a clip an edit removed (undo), under its old row id `c.id` so that
    // whatever refers to it stays valid; fails when the id or key is taken.
    Status restoreClip(const Clip& c);
    Result<std::optional<Clip>> clipByKey(const QString& key);
    Result<Clip> clipById(int64_t id);

    Result<int64_t> addUtterance(const Utterance& u);
    // Utterances of a media file overlapping [startMs, endMs).
    Result<QVector<Utterance>> utterances(int64_t mediaId, int64_t startMs, int64_t endMs);
    Status deleteUtterances(int64_t mediaId);
    // Transcript editing (core/store/ProjectUtterances.cpp): one transaction each,
    // validated (no negative time, end after start, an utterance that exists); errors
    // name the utterance. Nothing changes when one fails.
    Result<Utterance> utteranceById(int64_t id);
    // Text, speaker, start and end as given (media and language kept).
    Status updateUtterance(const Utterance& u);
    // Two utterances from one at atMs (strictly inside it): the first keeps the text
    // before textOffset, the new one (returned) the rest, both trimmed.
    Result<int64_t> splitUtterance(int64_t id, int64_t atMs, int textOffset);
    // The utterance and the next one of its recording (by start) become one: text
    // joined by a space, from the first's start to the later end. Returns the kept id.
    Result<int64_t> mergeUtteranceWithNext(int64_t id);
    // A new utterance of a recording that exists (u.id is ignored); returns its id.
    Result<int64_t> insertUtterance(const Utterance& u);
    Status setUtteranceSpeaker(const QVector<int64_t>& ids, const QString& speaker);
    // Puts back utterances exactly as they were (ids included), for undo.
    Status restoreUtterances(const QVector<Utterance>& utterances);
    Status deleteUtterance(int64_t id);

    // Finds the annotator by name or creates it.
    Result<int64_t> ensureAnnotator(const QString& name, AnnotatorKind kind, const QJsonObject& provenance = {});
    Status updateAnnotatorProvenance(int64_t annotatorId, const QJsonObject& provenance);
    Result<QVector<Annotator>> annotators();
    Result<std::optional<Annotator>> annotatorByName(const QString& name);

    // Validates against the codebook, writes the label and its audit entry in one
    // durable transaction (synchronous=FULL): when this returns ok, the label survives
    // a crash or power loss.
    Status setLabel(const LabelWrite& w);
    Result<QVector<Annotation>> annotations();
    // Every label whose dimension and class the current codebook has (labels of a
    // class renamed in a newer codebook version are left out).
    Result<QVector<CodedLabel>> codedLabels();
    Result<QVector<Annotation>> annotationsForClip(int64_t clipId);
    Result<std::optional<Annotation>> annotation(int64_t clipId, int64_t annotatorId, const QString& dimension);
    Result<QVector<AuditEntry>> auditLog(int64_t clipId = 0);
    // Every label change in time order, with coder names and clip keys (the export a team
    // reports coding effort and order from).
    Result<QVector<CodingLogEntry>> codingLog();

    // SQLite's data_version: changes when another connection (another window, the CLI, a
    // background job) has committed since the last call; this connection's own commits
    // leave it. The app polls it to show changes made elsewhere.
    Result<int64_t> dataVersion();
    // Project settings (the meta table): text values by key; empty when unset.
    Result<QString> setting(const QString& key);
    Status setSetting(const QString& key, const QString& value);

    // Segmenting. Clip ids (keys) never change when a neighbour does. A clip whose range
    // changes keeps its labels and is flagged needsReview when it has any. Refused when
    // the new range would overlap a clip of the recording that the old one did not.
    Status setClipRange(int64_t clipId, int64_t startMs, int64_t endMs);
    // Splits at atMs (strictly inside): the clip keeps its id for the first part, the
    // second part is a new clip (id KEY.2, KEY.3, ... as free) without labels; returns it.
    Result<int64_t> splitClip(int64_t clipId, int64_t atMs);
    // Joins `next` (adjacent on the same recording) into `clipId`; refused when `next`
    // has labels (they would be lost); `clipId` is flagged when it has labels.
    Status mergeClips(int64_t clipId, int64_t next);
    Status setClipNeedsReview(int64_t clipId, bool needsReview);

    // Model runs: which clips a run has finished, for resuming.
    Status markRunItem(int64_t annotatorId, int64_t clipId, double latencyMs, const QJsonObject& detail);
    Result<QVector<int64_t>> finishedRunClips(int64_t annotatorId);
    // What the run recorded for one clip (frames used and their times, per-dimension
    // details); nullopt when the run has not finished the clip.
    Result<std::optional<QJsonObject>> runItemDetail(int64_t annotatorId, int64_t clipId);

    // Brings another copy of this project (a coder's laptop) in: media matched by content
    // hash, clips by id, coders by name; each coder's labels, notes, audit history, model
    // run items and missing transcripts are carried over in one transaction. A label
    // the same coder set differently in the two copies is a conflict, settled by
    // `resolution`; with Report (or dryRun) nothing is written and the report says what
    // would happen. Fails, writing nothing, when the copies cannot be joined (a clip id
    // on two different recordings, a coder who is an expert in one and a model in the
    // other, a label the target's codebook does not have).
    Result<MergeReport> mergeFrom(const QString& sourcePath, MergeResolution resolution, bool dryRun = false);

    Result<ProjectCounts> counts();
    Result<QString> integrityCheck();  // "ok" when healthy

private:
    static Result<std::unique_ptr<Project>> openForReading(const QString& path);
    Project() = default;
    Status loadCodebook();
    Status validateLabel(const LabelWrite& w);
    Result<store::SqliteStatement*> cached(const char* sql);

    store::SqliteDatabase db_;
    QString path_;
    Codebook codebook_;
    int txDepth_ = 0;
    std::vector<std::pair<const char*, std::unique_ptr<store::SqliteStatement>>> stmtCache_;
};

}  // namespace motor
