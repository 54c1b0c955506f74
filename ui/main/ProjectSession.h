#pragma once
// The open project as the views see it: one Project connection (GUI thread only), an
// in-memory index of every label so that views never query SQLite while painting,
// the current expert, the current clip and the undo stack. Every label change goes
// through writeLabel(), which commits at once through core and then notifies views.
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUndoStack>
#include <QVector>
#include <functional>
#include <memory>

#include "core/agents/PredictionRun.h"
#include "core/metrics/ClipConflict.h"
#include "core/store/Project.h"

namespace motor {
namespace ui {

using ClipLabels = QHash<int64_t, QHash<QString, Annotation>>;  // annotatorId -> dim -> label

class ProjectSession : public QObject {
    Q_OBJECT
public:
    explicit ProjectSession(QObject* parent = nullptr);
    ~ProjectSession() override;

    // On failure the previous project stays open and the error is core's message.
    Status open(const QString& path);
    void close();
    bool isOpen() const { return project_ != nullptr; }
    Project* project() const { return project_.get(); }
    QString projectName() const;
    QString projectPath() const;

    const Codebook& codebook() const;
    const QVector<Clip>& clips() const { return clips_; }
    const Clip* clip(int64_t clipId) const;
    // Index of the clip in clips(), -1 when unknown.
    int clipRow(int64_t clipId) const { return clipRow_.value(clipId, -1); }
    const Media* media(int64_t mediaId) const;
    QString mediaPath(int64_t mediaId) const;
    const QVector<Annotator>& annotators() const { return annotators_; }
    const Annotator* annotator(int64_t annotatorId) const;
    QVector<Annotator> annotatorsOfKind(AnnotatorKind kind) const;
    QHash<int64_t, AnnotatorKind> annotatorKinds() const;

    // The expert who labels in this window; 0 until chosen.
    Status setCurrentExpert(const QString& name);
    int64_t currentExpertId() const { return expertId_; }
    QString currentExpertName() const;

    // Blind coding (a project setting, for coders who must label independently): until
    // the current coder has labelled every clip in every dimension, or a lead unlocks it
    // for them, the views hide other coders' labels, the conflict column, the review and
    // the metrics.
    bool blindCodingEnabled() const { return blindSetting_; }
    bool isBlind() const { return blind_; }
    Status setBlindCoding(bool on);
    Status unlockBlindCoding();  // for the current coder

    int64_t currentClipId() const { return currentClipId_; }
    // The player's media time; a label written for the current clip records where in the
    // clip the expert was (the coding log).
    void setMediaPosition(qint64 mediaMs) { mediaPositionMs_ = mediaMs; }
    void setCurrentClip(int64_t clipId);

    const ClipLabels& labelsOfClip(int64_t clipId) const;
    QString label(int64_t clipId, int64_t annotatorId, const QString& dimension) const;
    QString note(int64_t clipId, int64_t annotatorId, const QString& dimension) const;
    // All dimensions labelled by this annotator.
    bool isComplete(int64_t clipId, int64_t annotatorId) const;
    int completedClipCount(int64_t annotatorId) const;
    // Disagreement on a clip among the coders in conflictScope() (experts by default).
    metrics::ClipConflict conflict(int64_t clipId) const;
    metrics::ConflictScope conflictScope() const { return conflictScope_; }
    void setConflictScope(metrics::ConflictScope scope);
    // The first clip after `afterClipId` (in project order, wrapping) that the current
    // expert has not finished; 0 when every clip is done.
    int64_t nextUnlabeledClip(int64_t afterClipId) const;

    // Commits through core, refreshes the index and emits labelsChanged. Use the undo
    // stack (LabelPanel does) for user edits; this is the primitive it calls.
    Status writeLabel(int64_t clipId, int64_t annotatorId, const QString& dimension, const QString& label,
                      const QString& note);
    // Re-reads every annotation and annotator (after an import wrote to the file).
    Status reload();
    // Segmenting: runs `edit` through core in one transaction (all or nothing), then
    // re-reads the clips and emits clipsChanged. A current clip the edit removed gives
    // way to its neighbour. Failures are core's message; the file is then unchanged.
    Status editClips(const std::function<Status(Project&)>& edit);
    // Transcript editing: runs `edit` through core in one transaction (all or nothing),
    // then emits transcriptChanged(mediaId). Failures are core's message; the file is
    // then unchanged. TranscriptEditCommand puts it on the undo stack.
    Status editTranscript(qint64 mediaId, const std::function<Status(Project&)>& edit);
    // The transcript may be edited: a project is open and a coder is chosen (without
    // one the project is read-only, as for labels).
    bool transcriptEditable() const { return project_ && expertId_ != 0; }
    // Replaces the codebook through core (Project::changeCodebook: refused when labels
    // would lose their class, renames migrate them) and refreshes every view.
    Result<CodebookChange> changeCodebook(const Codebook& next, const QVector<CodebookRename>& renames);
    // A prediction run's clips as another connection committed them: the index takes
    // the labels the predictor had in hand, without reading the store; the batch is
    // announced with one labelsChanged.
    void applyPredictions(const QVector<agents::FinishedClip>& clips);
    // Re-reads the annotators only (a new run, a run's provenance at its end).
    Status refreshAnnotators();

    // Changes another connection committed (another window on the project, the command
    // line, an import): every 2 s while a project is open, and not while the user types
    // into a field (a reload must not take what is being typed), the session re-reads
    // the clips, labels and coders, and the current recording's transcript is announced
    // (changedElsewhere). Only what differs is announced. True when something did.
    bool checkForOutsideChanges();
    // This window's own background jobs (a prediction run, an import, a transcription)
    // commit through connections of their own: between begin and end the watch leaves
    // them alone, and end re-reads what differs without calling it a change made elsewhere.
    void beginLocalWrites() { ++localWriters_; }
    void endLocalWrites();

    QUndoStack* undoStack() { return &undo_; }
    // Another connection (a transcription job) wrote this recording's transcript.
    void announceTranscriptChanged(qint64 mediaId) {
        if (mediaId == transcriptMedia_) noteShownTranscript(mediaId);
        emit transcriptChanged(mediaId);
    }

signals:
    void projectOpened();
    void projectClosed();
    void annotatorsChanged();
    // Labels of these clips changed (one clip for an edit, many for a batch of a run).
    void labelsChanged(const QVector<qint64>& clipIds);
    void labelsReloaded();
    // Clips were added, removed or changed range (segmenting); views re-read clips().
    void clipsChanged();
    // A clip edit could not be done or undone (core's message); views show it.
    void clipEditFailed(const QString& message);
    void codebookChanged();
    // Undoing or redoing a codebook change was refused (core's message); nothing changed.
    void codebookChangeFailed(const QString& message);
    void currentClipChanged(qint64 clipId);
    // The utterances of this recording changed (transcribed, edited, undone).
    void transcriptChanged(qint64 mediaId);
    // A transcript edit could not be done or undone (core's message); the pane shows it.
    void transcriptEditFailed(const QString& message);
    void currentExpertChanged();
    // The Conflict column and the review queue count other coders now.
    void conflictScopeChanged();
    // isBlind() changed (setting, coder, unlock, or the coder finished every clip).
    void blindChanged();
    // core refused a write (the message names the cause); views show it.
    void writeFailed(const QString& message);
    // checkForOutsideChanges re-read changes made elsewhere.
    void changedElsewhere();

private:
    Status loadAll();
    size_t transcriptHash(int64_t mediaId);
    void noteShownTranscript(int64_t mediaId);
    Status refreshClip(int64_t clipId);
    void updateBlind();
    bool finishedEveryClip(int64_t annotatorId) const;

    std::unique_ptr<Project> project_;
    QVector<Clip> clips_;
    QHash<int64_t, int> clipRow_;
    QHash<int64_t, Media> media_;
    QVector<Annotator> annotators_;
    QHash<int64_t, ClipLabels> labels_;
    int64_t expertId_ = 0;
    int64_t currentClipId_ = 0;
    qint64 mediaPositionMs_ = -1;
    bool blindSetting_ = false;
    bool blind_ = false;
    metrics::ConflictScope conflictScope_ = metrics::ConflictScope::Experts;
    QUndoStack undo_;
    QTimer watch_;
    int64_t dataVersion_ = -1;
    int localWriters_ = 0;
    // Re-reads when another connection committed; announce: say it came from elsewhere.
    bool refreshFromFile(bool announce);
    // The shown recording's transcript at the last check (a hash), to tell whether
    // another connection changed it.
    int64_t transcriptMedia_ = 0;
    size_t transcriptHash_ = 0;
};

}  // namespace ui
}  // namespace motor
