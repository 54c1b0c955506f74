#include "ui/main/ProjectSession.h"

#include <QApplication>
#include <QDateTime>
#include <QWidget>
#include <algorithm>
#include <limits>

namespace motor {
namespace ui {
namespace {
const ClipLabels kNoLabels;
}

ProjectSession::ProjectSession(QObject* parent) : QObject(parent) {
    watch_.setInterval(2000);
    connect(&watch_, &QTimer::timeout, this, [this] { checkForOutsideChanges(); });
}
ProjectSession::~ProjectSession() = default;

Status ProjectSession::open(const QString& path) {
    auto opened = Project::open(path);
    if (!opened) return opened.error();
    // Load into temporaries first so that a half-readable file leaves the old project.
    std::unique_ptr<Project> previous = std::move(project_);
    project_ = std::move(opened.value());
    const Status loaded = loadAll();
    if (!loaded) {
        project_ = std::move(previous);
        if (project_) (void)loadAll();
        return loaded;
    }
    expertId_ = 0;
    currentClipId_ = 0;
    undo_.clear();
    auto version = project_->dataVersion();
    dataVersion_ = version ? version.value() : -1;
    watch_.start();
    emit projectOpened();
    updateBlind();
    return {};
}

void ProjectSession::close() {
    if (!project_) return;
    watch_.stop();
    undo_.clear();
    project_.reset();
    clips_.clear();
    clipRow_.clear();
    media_.clear();
    annotators_.clear();
    labels_.clear();
    expertId_ = 0;
    currentClipId_ = 0;
    blindSetting_ = false;
    emit projectClosed();
    updateBlind();
}

Status ProjectSession::loadAll() {
    auto clips = project_->clips();
    if (!clips) return clips.error();
    auto media = project_->media();
    if (!media) return media.error();
    auto annotators = project_->annotators();
    if (!annotators) return annotators.error();
    auto annotations = project_->annotations();
    if (!annotations) return annotations.error();

    clips_ = clips.value();
    clipRow_.clear();
    for (int i = 0; i < clips_.size(); ++i) clipRow_.insert(clips_[i].id, i);
    media_.clear();
    for (const Media& m : media.value()) media_.insert(m.id, m);
    annotators_ = annotators.value();
    labels_.clear();
    for (const Annotation& a : annotations.value()) labels_[a.clipId][a.annotatorId][a.dimension] = a;
    auto blind = project_->setting(QStringLiteral("blind-coding"));
    if (!blind) return blind.error();
    blindSetting_ = blind.value() == QLatin1String("on");
    return {};
}

Status ProjectSession::reload() {
    if (!project_) return {};
    const Status s = loadAll();
    if (s) {
        // What another connection of this process wrote is read now: not again by the watch.
        if (auto version = project_->dataVersion(); version) dataVersion_ = version.value();
        emit annotatorsChanged();
        emit labelsReloaded();
        updateBlind();
    }
    return s;
}

namespace {

bool sameClips(const QVector<Clip>& a, const QVector<Clip>& b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); ++i)
        if (a[i].id != b[i].id || a[i].startMs != b[i].startMs || a[i].endMs != b[i].endMs || a[i].key != b[i].key ||
            a[i].group != b[i].group)
            return false;
    return true;
}

bool sameAnnotators(const QVector<Annotator>& a, const QVector<Annotator>& b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); ++i)
        if (a[i].id != b[i].id || a[i].name != b[i].name || a[i].kind != b[i].kind) return false;
    return true;
}

// The labels and notes (what the views show), not the row ids or times.
bool sameLabels(const QHash<int64_t, ClipLabels>& a, const QHash<int64_t, ClipLabels>& b) {
    auto count = [](const QHash<int64_t, ClipLabels>& all) {
        qsizetype n = 0;
        for (const ClipLabels& clip : all)
            for (const auto& byDimension : clip) n += byDimension.size();
        return n;
    };
    if (count(a) != count(b)) return false;
    for (auto clip = a.cbegin(); clip != a.cend(); ++clip) {
        const auto other = b.constFind(clip.key());
        if (other == b.cend()) return false;
        for (auto coder = clip->cbegin(); coder != clip->cend(); ++coder) {
            const auto theirs = other->constFind(coder.key());
            if (theirs == other->cend()) return false;
            for (auto dim = coder->cbegin(); dim != coder->cend(); ++dim) {
                const auto t = theirs->constFind(dim.key());
                if (t == theirs->cend() || t->label != dim->label || t->note != dim->note) return false;
            }
        }
    }
    return true;
}

}  // namespace

bool ProjectSession::checkForOutsideChanges() {
    if (localWriters_ > 0) return false;
    return refreshFromFile(true);
}

void ProjectSession::endLocalWrites() {
    if (localWriters_ > 0 && --localWriters_ == 0) refreshFromFile(false);
}

bool ProjectSession::refreshFromFile(bool announce) {
    if (!project_) return false;
    auto version = project_->dataVersion();
    if (!version || version.value() == dataVersion_) return false;
    // Not under the user's typing: a note, an utterance, a search. The next check runs
    // when they are done.
    if (QWidget* focus = QApplication::focusWidget();
        focus && (focus->inherits("QLineEdit") || focus->inherits("QPlainTextEdit") || focus->inherits("QTextEdit")))
        return false;
    const QVector<Clip> clipsBefore = clips_;
    const QVector<Annotator> annotatorsBefore = annotators_;
    const QHash<int64_t, ClipLabels> labelsBefore = labels_;
    if (const Status s = loadAll(); !s) return false;
    dataVersion_ = version.value();
    // Only what differs is announced: a prediction run of this window commits through
    // its own connection too, and its labels are in the index already; views must not
    // reset (scroll, selection) every two seconds for nothing.
    if (currentClipId_ != 0 && !clipRow_.contains(currentClipId_))
        setCurrentClip(clips_.isEmpty() ? 0 : clips_.first().id);
    bool any = false;
    if (!sameAnnotators(annotatorsBefore, annotators_)) {
        emit annotatorsChanged();
        any = true;
    }
    if (!sameClips(clipsBefore, clips_)) {
        emit clipsChanged();
        any = true;
    }
    if (!sameLabels(labelsBefore, labels_)) {
        emit labelsReloaded();
        any = true;
    }
    updateBlind();
    if (const Clip* c = clip(currentClipId_); c && c->mediaId == transcriptMedia_) {
        const size_t now = transcriptHash(c->mediaId);
        if (now != transcriptHash_) {
            transcriptHash_ = now;
            emit transcriptChanged(c->mediaId);
            any = true;
        }
    }
    if (any && announce) emit changedElsewhere();
    return any;
}

size_t ProjectSession::transcriptHash(int64_t mediaId) {
    size_t seed = 0;
    if (!project_) return seed;
    auto rows = project_->utterances(mediaId, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
    if (rows)
        for (const Utterance& u : rows.value())
            seed = qHashMulti(seed, u.id, u.startMs, u.endMs, u.speaker, u.text, u.language);
    return seed;
}

void ProjectSession::noteShownTranscript(int64_t mediaId) {
    transcriptMedia_ = mediaId;
    transcriptHash_ = transcriptHash(mediaId);
}

Status ProjectSession::editClips(const std::function<Status(Project&)>& edit) {
    if (!project_) return makeError(tr("No project is open."));
    const Status s = project_->transaction([&] { return edit(*project_); });
    if (!s) return s;
    // The clips before the edit, to find a removed current clip's neighbour.
    const QVector<Clip> before = clips_;
    if (const Status loaded = loadAll(); !loaded) return loaded;
    if (currentClipId_ != 0 && !clipRow_.contains(currentClipId_)) {
        int64_t replacement = 0;
        const int row =
            int(std::find_if(before.begin(), before.end(), [this](const Clip& c) { return c.id == currentClipId_; }) -
                before.begin());
        for (int r = row - 1; r >= 0 && replacement == 0; --r)
            if (clipRow_.contains(before[r].id)) replacement = before[r].id;
        if (replacement == 0 && !clips_.isEmpty()) replacement = clips_.first().id;
        setCurrentClip(replacement);
    }
    emit clipsChanged();
    emit labelsReloaded();
    return {};
}

Status ProjectSession::editTranscript(qint64 mediaId, const std::function<Status(Project&)>& edit) {
    if (!project_) return makeError(tr("No project is open."));
    const Status s = project_->transaction([&] { return edit(*project_); });
    if (!s) return s;
    if (mediaId == transcriptMedia_) noteShownTranscript(mediaId);
    emit transcriptChanged(mediaId);
    return {};
}

Result<CodebookChange> ProjectSession::changeCodebook(const Codebook& next, const QVector<CodebookRename>& renames) {
    if (!project_) return makeError(tr("No project is open."));
    auto change = project_->changeCodebook(next, renames);
    if (!change) return change;
    if (const Status loaded = loadAll(); !loaded) return loaded.error();
    emit codebookChanged();
    emit labelsReloaded();
    updateBlind();
    return change;
}

Status ProjectSession::refreshAnnotators() {
    if (!project_) return {};
    auto annotators = project_->annotators();
    if (!annotators) return annotators.error();
    const bool changed = annotators->size() != annotators_.size();
    annotators_ = annotators.value();
    if (changed) emit annotatorsChanged();
    return {};
}

void ProjectSession::applyPredictions(const QVector<agents::FinishedClip>& clips) {
    if (!project_) return;
    bool unknownCoder = false;
    for (const agents::FinishedClip& c : clips)
        if (c.ok && !annotator(c.annotatorId)) unknownCoder = true;
    if (unknownCoder) (void)refreshAnnotators();  // the run's annotator, once
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVector<qint64> changed;
    for (const agents::FinishedClip& c : clips) {
        if (!c.ok || !clipRow_.contains(c.clipId)) continue;
        auto& mine = labels_[c.clipId][c.annotatorId];
        for (const agents::DimensionPrediction& p : c.labels) {
            Annotation a;
            a.annotatorId = c.annotatorId;
            a.clipId = c.clipId;
            a.dimension = p.dimension;
            a.label = p.label;
            a.rationale = p.rationale;
            a.confidence = p.confidence;
            a.updatedAtMs = now;
            mine[p.dimension] = a;
        }
        changed.push_back(c.clipId);
    }
    if (!changed.isEmpty()) emit labelsChanged(changed);
}

QString ProjectSession::projectName() const {
    return project_ ? project_->name() : QString();
}
QString ProjectSession::projectPath() const {
    return project_ ? project_->path() : QString();
}

const Codebook& ProjectSession::codebook() const {
    static const Codebook empty;
    return project_ ? project_->codebook() : empty;
}

const Clip* ProjectSession::clip(int64_t clipId) const {
    const auto it = clipRow_.constFind(clipId);
    return it == clipRow_.cend() ? nullptr : &clips_[*it];
}

const Media* ProjectSession::media(int64_t mediaId) const {
    const auto it = media_.constFind(mediaId);
    return it == media_.cend() ? nullptr : &*it;
}

QString ProjectSession::mediaPath(int64_t mediaId) const {
    const Media* m = media(mediaId);
    return m && project_ ? project_->absoluteMediaPath(*m) : QString();
}

const Annotator* ProjectSession::annotator(int64_t annotatorId) const {
    for (const Annotator& a : annotators_)
        if (a.id == annotatorId) return &a;
    return nullptr;
}

QVector<Annotator> ProjectSession::annotatorsOfKind(AnnotatorKind kind) const {
    QVector<Annotator> out;
    for (const Annotator& a : annotators_)
        if (a.kind == kind) out.push_back(a);
    return out;
}

QHash<int64_t, AnnotatorKind> ProjectSession::annotatorKinds() const {
    QHash<int64_t, AnnotatorKind> out;
    for (const Annotator& a : annotators_) out.insert(a.id, a.kind);
    return out;
}

Status ProjectSession::setCurrentExpert(const QString& name) {
    if (!project_) return makeError(tr("No project is open."));
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) return makeError(tr("The expert name is empty."));
    auto existing = project_->annotatorByName(trimmed);
    if (!existing) return existing.error();
    if (existing.value() && existing.value()->kind != AnnotatorKind::Human)
        return makeError(tr("\"%1\" is a model run, not an expert.").arg(trimmed));
    auto id = project_->ensureAnnotator(trimmed, AnnotatorKind::Human);
    if (!id) return id.error();
    const bool added = !annotator(id.value());
    if (added) {
        auto annotators = project_->annotators();
        if (!annotators) return annotators.error();
        annotators_ = annotators.value();
    }
    // Another person at the keyboard starts a fresh undo history: Ctrl+Z must never change
    // the labels (or the edits) of the coder before, which the screen no longer shows.
    if (expertId_ != id.value()) undo_.clear();
    expertId_ = id.value();
    if (added) emit annotatorsChanged();
    emit currentExpertChanged();
    updateBlind();
    return {};
}

Status ProjectSession::setBlindCoding(bool on) {
    if (!project_) return makeError(tr("No project is open."));
    if (auto s = project_->setSetting(QStringLiteral("blind-coding"), on ? QStringLiteral("on") : QString()); !s)
        return s;
    blindSetting_ = on;
    updateBlind();
    return {};
}

Status ProjectSession::unlockBlindCoding() {
    if (!project_) return makeError(tr("No project is open."));
    if (expertId_ == 0) return makeError(tr("No coder is chosen."));
    if (auto s = project_->setSetting(QStringLiteral("blind-unlocked/") + currentExpertName(), QStringLiteral("1")); !s)
        return s;
    updateBlind();
    return {};
}

bool ProjectSession::finishedEveryClip(int64_t annotatorId) const {
    if (clips_.isEmpty()) return false;
    for (const Clip& c : clips_)
        if (!isComplete(c.id, annotatorId)) return false;
    return true;
}

void ProjectSession::updateBlind() {
    bool blind = false;
    if (project_ && blindSetting_ && expertId_ != 0) {
        auto unlocked = project_->setting(QStringLiteral("blind-unlocked/") + currentExpertName());
        blind = !(unlocked && unlocked.value() == QLatin1String("1")) && !finishedEveryClip(expertId_);
    }
    if (blind == blind_) return;
    blind_ = blind;
    emit blindChanged();
}

QString ProjectSession::currentExpertName() const {
    const Annotator* a = annotator(expertId_);
    return a ? a->name : QString();
}

void ProjectSession::setCurrentClip(int64_t clipId) {
    if (clipId == currentClipId_) return;
    currentClipId_ = clipId;
    // The transcript the views show from now: what checkForOutsideChanges compares with.
    if (const Clip* c = clip(clipId); c && c->mediaId != transcriptMedia_) noteShownTranscript(c->mediaId);
    emit currentClipChanged(clipId);
}

const ClipLabels& ProjectSession::labelsOfClip(int64_t clipId) const {
    const auto it = labels_.constFind(clipId);
    return it == labels_.cend() ? kNoLabels : *it;
}

QString ProjectSession::label(int64_t clipId, int64_t annotatorId, const QString& dimension) const {
    return labelsOfClip(clipId).value(annotatorId).value(dimension).label;
}

QString ProjectSession::note(int64_t clipId, int64_t annotatorId, const QString& dimension) const {
    return labelsOfClip(clipId).value(annotatorId).value(dimension).note;
}

bool ProjectSession::isComplete(int64_t clipId, int64_t annotatorId) const {
    const auto& mine = labelsOfClip(clipId).value(annotatorId);
    for (const Dimension& d : codebook().dimensions)
        if (mine.value(d.name).label.isEmpty()) return false;
    return !codebook().dimensions.isEmpty();
}

int ProjectSession::completedClipCount(int64_t annotatorId) const {
    int n = 0;
    for (const Clip& c : clips_)
        if (isComplete(c.id, annotatorId)) ++n;
    return n;
}

void ProjectSession::setConflictScope(metrics::ConflictScope scope) {
    if (scope == conflictScope_) return;
    conflictScope_ = scope;
    emit conflictScopeChanged();
}

metrics::ClipConflict ProjectSession::conflict(int64_t clipId) const {
    return metrics::computeClipConflict(codebook(), labelsOfClip(clipId), annotatorKinds(), conflictScope_);
}

int64_t ProjectSession::nextUnlabeledClip(int64_t afterClipId) const {
    if (clips_.isEmpty()) return 0;
    const int start = clipRow_.value(afterClipId, -1);
    for (int step = 1; step <= clips_.size(); ++step) {
        const Clip& c = clips_[(start + step + clips_.size()) % clips_.size()];
        if (!isComplete(c.id, expertId_)) return c.id;
    }
    return 0;
}

Status ProjectSession::writeLabel(int64_t clipId, int64_t annotatorId, const QString& dimension, const QString& label,
                                  const QString& note) {
    if (!project_) return makeError(tr("No project is open."));
    LabelWrite w;
    w.clipId = clipId;
    w.annotatorId = annotatorId;
    w.dimension = dimension;
    w.label = label;
    w.note = label.isEmpty() ? QString() : note;
    w.source = LabelSource::Gui;
    if (const int row = clipRow_.value(clipId, -1); row >= 0 && clipId == currentClipId_ && mediaPositionMs_ >= 0) {
        const Clip& c = clips_[row];
        if (mediaPositionMs_ >= c.startMs && mediaPositionMs_ <= c.endMs) w.clipTimeMs = mediaPositionMs_ - c.startMs;
    }
    const Status s = project_->setLabel(w);
    if (!s) {
        emit writeFailed(s.error().message);
        return s;
    }
    const Status refreshed = refreshClip(clipId);
    emit labelsChanged({clipId});
    if (blind_) updateBlind();  // the coder may just have finished
    return refreshed;
}

Status ProjectSession::refreshClip(int64_t clipId) {
    auto annotations = project_->annotationsForClip(clipId);
    if (!annotations) return annotations.error();
    ClipLabels fresh;
    for (const Annotation& a : annotations.value()) fresh[a.annotatorId][a.dimension] = a;
    labels_.insert(clipId, fresh);
    return {};
}

}  // namespace ui
}  // namespace motor
