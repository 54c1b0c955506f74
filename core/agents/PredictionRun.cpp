#include "core/agents/PredictionRun.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include "core/store/Project.h"
#include "core/util/RemainingTime.h"

namespace motor::agents {

namespace {

// The time constant of the run's rate average (util::RemainingTime).
constexpr int64_t kRunSmoothingMs = 10 * 60 * 1000;

QString nowIso() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString codebookHash(const Codebook& cb) {
    const QByteArray json = QJsonDocument(cb.toJson()).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex());
}

Result<QVector<Clip>> selectClips(Project& project, const RunOptions& options) {
    auto all = project.clips();
    if (!all) return all.error();
    if (options.selection == ClipSelection::All) return all;
    if (options.selection == ClipSelection::List) {
        QVector<Clip> out;
        QSet<int64_t> seen;
        for (const QString& raw : options.clipIds) {
            const QString id = raw.trimmed();
            if (id.isEmpty()) continue;
            const Clip* found = nullptr;
            for (const auto& c : all.value())
                if (c.key == id) found = &c;
            bool numeric = false;
            const qint64 n = id.toLongLong(&numeric);
            if (!found && numeric)
                for (const auto& c : all.value())
                    if (c.id == n) found = &c;
            if (!found) return makeError(QStringLiteral("--clips: no clip '%1' in the project").arg(id));
            if (!seen.contains(found->id)) out.push_back(*found);
            seen.insert(found->id);
        }
        return out;
    }
    auto annotators = project.annotators();
    if (!annotators) return annotators.error();
    QSet<int64_t> humans;
    for (const auto& a : annotators.value())
        if (a.kind == AnnotatorKind::Human) humans.insert(a.id);
    auto annotations = project.annotations();
    if (!annotations) return annotations.error();
    QSet<int64_t> labelled;
    for (const auto& a : annotations.value())
        if (humans.contains(a.annotatorId) && !a.label.isEmpty()) labelled.insert(a.clipId);
    QVector<Clip> out;
    for (const auto& c : all.value())
        if (!labelled.contains(c.id)) out.push_back(c);
    return out;
}

// The settings that make two sessions the same run.
QJsonObject runIdentity(const QJsonObject& p) {
    QJsonObject o;
    for (const char* key : {"backend", "model", "mode", "prompts", "codebook"})
        o.insert(QLatin1String(key), p.value(QLatin1String(key)));
    // Where a server model ran is not what it is: a run resumes on other servers.
    QJsonObject model = o.value(QStringLiteral("model")).toObject();
    model.remove(QStringLiteral("url"));
    model.remove(QStringLiteral("urls"));
    o.insert(QStringLiteral("model"), model);
    return o;
}

// What the run records for a clip: the frames, and per dimension the attempts, whether
// decoding enforced the labels, the probabilities and the server that answered.
QJsonObject runItemDetail(const ClipContext& ctx, const ClipPrediction& p, const QVector<int64_t>& frameTimes) {
    QJsonObject detail{{QStringLiteral("frames_used"), ctx.framesUsed}};
    if (ctx.framesUsed) {
        QJsonArray times;
        for (int64_t ms : frameTimes) times.append(double(ms));
        detail.insert(QStringLiteral("frame_times_ms"), times);
        if (!ctx.frames.isEmpty())
            detail.insert(QStringLiteral("frame_size"),
                          QStringLiteral("%1x%2").arg(ctx.frames.front().width).arg(ctx.frames.front().height));
    }
    QJsonObject perDim;
    QSet<QString> origins;
    for (const auto& d : p.labels) {
        QJsonObject probs;
        for (auto it = d.probabilities.begin(); it != d.probabilities.end(); ++it) probs.insert(it.key(), it.value());
        QJsonObject dim{{QStringLiteral("attempts"), d.attempts},
                        {QStringLiteral("constrained"), d.constrained},
                        {QStringLiteral("probabilities"), probs}};
        if (!d.origin.isEmpty()) {
            dim.insert(QStringLiteral("server"), d.origin);
            origins.insert(d.origin);
        }
        perDim.insert(d.dimension, dim);
    }
    detail.insert(QStringLiteral("labels"), perDim);
    // The clip's server, when one answered all its agents (the usual case: a clip stays
    // on the server that has its prefix cached).
    if (origins.size() == 1) detail.insert(QStringLiteral("server"), *origins.begin());
    return detail;
}

}  // namespace

QString defaultRunName(const LanguageModel& model, PredictorMode mode) {
    const QJsonObject id = model.identity();
    QString name = id.value(QStringLiteral("name")).toString();
    if (name.isEmpty()) name = QFileInfo(id.value(QStringLiteral("path")).toString()).fileName();
    return runNameFor(model.backendName(), name, mode);
}

QString runNameFor(const QString& backend, const QString& name, PredictorMode mode) {
    if (backend == QLatin1String("baseline")) return QStringLiteral("baseline:%1").arg(name);
    return QStringLiteral("%1:%2:%3").arg(backend, name, predictorModeName(mode));
}

Result<RunSummary> runPrediction(Project& project, LanguageModel& model, const RunOptions& options) {
    QElapsedTimer total;
    total.start();
    const double visionBefore = model.visionMs();
    const LmTokenCounts tokensBefore = model.tokenCounts();
    auto library = PromptLibrary::load(options.promptDir);
    if (!library) return library.error();
    PromptBuilder builder(project.codebook(), options.mode, library.value(), options.maxRationaleChars);
    const bool isBaseline = model.backendName() == QLatin1String("baseline");
    const bool wantFrames =
        !isBaseline && model.capabilities().vision && modeUsesFrames(options.mode) && bool(options.frames);
    if (wantFrames)
        if (auto st = model.permitImages(); !st) return st.error();

    auto clips = selectClips(project, options);
    if (!clips) return clips.error();

    RunSummary summary;
    summary.runName = options.runName.isEmpty() ? defaultRunName(model, options.mode) : options.runName;

    QJsonObject provenance{
        {QStringLiteral("backend"), model.backendName()},
        {QStringLiteral("model"), model.identity()},
        {QStringLiteral("mode"), isBaseline ? QStringLiteral("baseline") : predictorModeName(options.mode)},
        {QStringLiteral("prompts"), isBaseline ? QJsonObject{} : builder.templateHashes()},
        {QStringLiteral("codebook"), QJsonObject{{QStringLiteral("name"), project.codebook().name},
                                                 {QStringLiteral("version"), project.codebook().version},
                                                 {QStringLiteral("sha256"), codebookHash(project.codebook())}}},
    };

    const AnnotatorKind kind = isBaseline ? AnnotatorKind::Baseline : AnnotatorKind::Model;
    auto existing = project.annotatorByName(summary.runName);
    if (!existing) return existing.error();
    QJsonArray sessions;
    if (existing.value()) {
        const Annotator& a = *existing.value();
        if (a.kind != kind)
            return makeError(QStringLiteral("run '%1': an annotator of that name exists and is not a %2 run")
                                 .arg(summary.runName, annotatorKindName(kind)));
        if (!a.provenance.isEmpty() && runIdentity(a.provenance) != runIdentity(provenance))
            return makeError(QStringLiteral("run '%1' exists with another model, mode, prompts or codebook; "
                                            "resume it with the same settings or choose another --run name")
                                 .arg(summary.runName));
        sessions = a.provenance.value(QStringLiteral("sessions")).toArray();
        provenance.insert(QStringLiteral("started_at"), a.provenance.value(QStringLiteral("started_at")));
        summary.annotatorId = a.id;
    }
    const bool existedBefore = summary.annotatorId != 0;
    QSet<int64_t> finishedSet;
    if (existedBefore) {
        auto finished = project.finishedRunClips(summary.annotatorId);
        if (!finished) return finished.error();
        finishedSet = QSet<int64_t>(finished.value().begin(), finished.value().end());
    }
    QVector<Clip> todo;
    for (const auto& c : clips.value()) {
        if (finishedSet.contains(c.id))
            ++summary.progress.skipped;
        else
            todo.push_back(c);
    }
    summary.progress.total = int(clips.value().size());

    // The backend checks it can serve the run before anything is stored: a server that
    // is down or takes no pictures stops the run here, with nothing to clean up.
    QJsonObject prepared;
    if (!todo.isEmpty()) {
        if (auto st = model.prepare(RunNeeds{wantFrames}, options.cancel); !st) return st.error();
        prepared = model.preparedInfo();
    }
    const LmCapabilities caps = model.capabilities();

    QJsonObject parameters = options.parameters;
    parameters.insert(QStringLiteral("prefix_sharing"), options.prefixSharing == PrefixSharing::On);
    parameters.insert(QStringLiteral("max_rationale_chars"), options.maxRationaleChars);
    parameters.insert(QStringLiteral("frames"), options.context.frameCount);
    // How frames reach the model: letterboxed to frame_size by MOTOR Studio, or at the
    // recording's resolution for a backend that resizes them itself (the local engine:
    // InternVL's own resize, described in the model's identity).
    parameters.insert(QStringLiteral("frame_size"), caps.nativeFrames ? 0 : options.context.frameSize);
    parameters.insert(QStringLiteral("frame_fit"),
                      caps.nativeFrames ? QStringLiteral("native") : QStringLiteral("letterbox"));
    parameters.insert(QStringLiteral("constrained_decoding"), caps.constrainedDecoding);

    if (!provenance.contains(QStringLiteral("started_at"))) provenance.insert(QStringLiteral("started_at"), nowIso());
    provenance.insert(QStringLiteral("parameters"), parameters);
    provenance.insert(QStringLiteral("status"), QStringLiteral("running"));
    provenance.insert(QStringLiteral("frames_used"), wantFrames);
    QJsonObject thisSession{{QStringLiteral("started_at"), nowIso()},
                            {QStringLiteral("status"), QStringLiteral("running")}};
    for (auto it = prepared.begin(); it != prepared.end(); ++it) thisSession.insert(it.key(), it.value());
    sessions.append(thisSession);
    provenance.insert(QStringLiteral("sessions"), sessions);
    if (summary.annotatorId != 0)
        if (auto st = project.updateAnnotatorProvenance(summary.annotatorId, provenance); !st) return st.error();

    if (options.started) {
        QVector<int64_t> earlier;
        for (const auto& c : clips.value())
            if (finishedSet.contains(c.id)) earlier.push_back(c.id);
        options.started(summary.annotatorId, earlier);
    }

    Predictor predictor(model, builder, options.prefixSharing);
    const int batch = std::max(1, options.batchSize > 0 ? options.batchSize : caps.preferredBatch);
    ClipContextOptions ctxOptions = options.context;
    ctxOptions.withFrames = wantFrames;
    // A backend that resizes frames itself gets them at the recording's resolution.
    if (caps.nativeFrames) ctxOptions.frameSize = 0;
    bool anyFrames = false;
    QElapsedTimer runTimer;
    runTimer.start();
    // Clips come one at a time, seconds to minutes apart: a long average keeps one slow
    // clip from swinging the estimate.
    util::RemainingTime runLeft(kRunSmoothingMs);
    auto report = [&] {
        summary.progress.elapsedMs = runTimer.elapsed();
        const int finishedNow = summary.progress.done + summary.progress.failed;
        runLeft.update(summary.progress.elapsedMs, finishedNow, todo.size());
        summary.progress.etaMs = runLeft.milliseconds();  // -1 until a batch has finished
        if (options.progress) options.progress(summary.progress);
    };
    auto failClip = [&](const Clip& clip, const QString& message, const QVector<int64_t>& frameTimes) {
        ++summary.progress.failed;
        summary.errors << message;
        if (options.clipFinished)
            options.clipFinished(FinishedClip{summary.annotatorId, clip.id, clip.key, false, message, {}, frameTimes});
    };
    report();

    for (qsizetype start = 0; start < todo.size() && !summary.stopped; start += batch) {
        if (cancelled(options.cancel)) break;
        QElapsedTimer batchTimer;
        batchTimer.start();
        QVector<ClipContext> contexts;
        for (qsizetype i = start; i < std::min<qsizetype>(todo.size(), start + batch); ++i) {
            QElapsedTimer t;
            t.start();
            auto ctx = loadClipContext(project, todo[i], ctxOptions, options.frames);
            summary.mediaMs += double(t.nsecsElapsed()) / 1e6;
            if (!ctx) {
                failClip(todo[i], ctx.error().message, {});
                continue;
            }
            anyFrames = anyFrames || ctx.value().framesUsed;
            contexts.push_back(std::move(ctx.value()));
        }
        auto results = predictor.predict(contexts, options.cancel);
        const double perClipMs = double(batchTimer.nsecsElapsed()) / 1e6 / std::max<qsizetype>(1, contexts.size());
        QElapsedTimer storeTimer;
        storeTimer.start();
        for (size_t k = 0; k < results.size(); ++k) {
            const ClipContext& ctx = contexts[qsizetype(k)];
            QVector<int64_t> frameTimes;
            for (const media::RgbFrame& f : ctx.frames) frameTimes.push_back(f.ptsMs);
            if (!results[k]) {
                // A cancelled clip is not a failure: resuming the run does it. Nor is one
                // the backend could not even try: the run stops and resuming does it.
                if (isCancelled(results[k].error()) || cancelled(options.cancel)) continue;
                if (isFatal(results[k].error())) {
                    if (!summary.stopped) summary.stopReason = results[k].error().message;
                    summary.stopped = true;
                    continue;
                }
                failClip(ctx.clip, results[k].error().message, frameTimes);
                continue;
            }
            const ClipPrediction& p = results[k].value();
            const QJsonObject detail = runItemDetail(ctx, p, frameTimes);
            const Status st = project.transaction([&]() -> Status {
                // The run's annotator comes with its first finished clip.
                if (summary.annotatorId == 0) {
                    auto id = project.ensureAnnotator(summary.runName, kind, provenance);
                    if (!id) return id.error();
                    summary.annotatorId = id.value();
                }
                for (const auto& d : p.labels) {
                    LabelWrite w;
                    w.clipId = p.clipId;
                    w.annotatorId = summary.annotatorId;
                    w.dimension = d.dimension;
                    w.label = d.label;
                    w.rationale = d.rationale;
                    w.confidence = d.confidence;
                    w.source = LabelSource::Run;
                    if (auto s = project.setLabel(w); !s) return s;
                }
                return project.markRunItem(summary.annotatorId, p.clipId, perClipMs, detail);
            });
            if (!st) {
                // The annotator insert rolled back with the clip.
                if (!existedBefore && summary.progress.done == 0) summary.annotatorId = 0;
                failClip(ctx.clip, QStringLiteral("clip %1: store: %2").arg(ctx.clip.key, st.error().message),
                         frameTimes);
                continue;
            }
            ++summary.progress.done;
            summary.progress.lastClipKey = ctx.clip.key;
            if (options.clipFinished)
                options.clipFinished(
                    FinishedClip{summary.annotatorId, ctx.clip.id, ctx.clip.key, true, {}, p.labels, frameTimes});
        }
        summary.storeMs += double(storeTimer.nsecsElapsed()) / 1e6;
        report();
    }

    summary.cancelled = cancelled(options.cancel);
    summary.framesUsed = anyFrames;
    summary.prefillMs = predictor.timings().prefillMs;
    summary.visionMs = model.visionMs() - visionBefore;
    summary.decodeMs = predictor.timings().decodeMs;
    const LmTokenCounts tokensAfter = model.tokenCounts();
    summary.tokens =
        LmTokenCounts{tokensAfter.context - tokensBefore.context, tokensAfter.instructions - tokensBefore.instructions,
                      tokensAfter.generated - tokensBefore.generated};
    summary.totalMs = double(total.nsecsElapsed()) / 1e6;
    if (summary.annotatorId == 0) return summary;  // nothing stored, nothing to record

    const QString status = summary.cancelled             ? QStringLiteral("cancelled")
                           : summary.stopped             ? QStringLiteral("stopped")
                           : summary.progress.failed > 0 ? QStringLiteral("incomplete")
                                                         : QStringLiteral("finished");
    QJsonObject last = sessions.last().toObject();
    last.insert(QStringLiteral("finished_at"), nowIso());
    last.insert(QStringLiteral("status"), status);
    if (summary.stopped) last.insert(QStringLiteral("stop_reason"), summary.stopReason);
    last.insert(QStringLiteral("clips_done"), summary.progress.done);
    last.insert(QStringLiteral("clips_failed"), summary.progress.failed);
    last.insert(QStringLiteral("timings_ms"), QJsonObject{{QStringLiteral("media"), summary.mediaMs},
                                                          {QStringLiteral("vision"), summary.visionMs},
                                                          {QStringLiteral("prefill"), summary.prefillMs},
                                                          {QStringLiteral("decode"), summary.decodeMs},
                                                          {QStringLiteral("store"), summary.storeMs}});
    if (summary.tokens.context + summary.tokens.instructions + summary.tokens.generated > 0)
        last.insert(QStringLiteral("tokens"),
                    QJsonObject{{QStringLiteral("context"), double(summary.tokens.context)},
                                {QStringLiteral("instructions"), double(summary.tokens.instructions)},
                                {QStringLiteral("generated"), double(summary.tokens.generated)}});
    sessions.replace(sessions.size() - 1, last);
    provenance.insert(QStringLiteral("sessions"), sessions);
    provenance.insert(QStringLiteral("status"), status);
    provenance.insert(QStringLiteral("finished_at"), nowIso());
    provenance.insert(QStringLiteral("frames_used"), anyFrames);
    if (auto st = project.updateAnnotatorProvenance(summary.annotatorId, provenance); !st) return st.error();
    return summary;
}

}  // namespace motor::agents
