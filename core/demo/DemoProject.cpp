#include "core/demo/DemoProject.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <cmath>
#include <limits>
#include <random>

#include "core/agents/CueBaseline.h"
#include "core/agents/PredictionRun.h"
#include "core/demo/DemoScripts.h"
#include "core/io/MediaImporter.h"
#include "core/media/SyntheticVideoWriter.h"
#include "core/metrics/CohenKappa.h"
#include "core/metrics/RatingTable.h"
#include "core/store/Project.h"

namespace motor::demo {
namespace {

constexpr int kClipsPerRecording = 4;
constexpr int64_t kGapMs = 1000;
const QString kExpertA = QStringLiteral("Anna");
const QString kExpertB = QStringLiteral("Mikko");

struct PlannedClip {
    int recording = 0;
    int64_t startMs = 0;
    int64_t endMs = 0;
    int script = 0;
};

// A coder who disagrees picks a neighbouring class, as experts do (Mixed for a
// borderline behaviour, Neutral for faint affect), not a random one.
QString confusable(const Dimension& dim, const QString& truth, std::mt19937& rng) {
    QStringList others = dim.classNames();
    others.removeAll(truth);
    if (truth != QLatin1String("Mixed") && others.contains(QStringLiteral("Mixed")) && rng() % 2 == 0)
        return QStringLiteral("Mixed");
    if (truth != QLatin1String("Neutral") && others.contains(QStringLiteral("Neutral")) && rng() % 2 == 0)
        return QStringLiteral("Neutral");
    return others[int(rng() % unsigned(others.size()))];
}

QString truthOf(const DemoScript& s, const QString& dimension) {
    if (dimension == QLatin1String("behavior")) return s.behavior;
    if (dimension == QLatin1String("cognition")) return s.cognition;
    return s.emotion;
}

using ExpertLabels = QVector<QVector<QString>>;  // [dimension][clip]

// One expert's labels: the script's truth, or with errorRate a confusable class. The demo
// draws both experts until their kappa lies in [0.55, 0.78] on every dimension, so that it
// shows realistic agreement (MOTOR-Bench reports 0.73).
ExpertLabels drawExpert(const Codebook& cb, const QVector<PlannedClip>& plan, double errorRate, std::mt19937& rng) {
    ExpertLabels out(cb.dimensions.size());
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int d = 0; d < cb.dimensions.size(); ++d)
        for (const auto& c : plan) {
            const QString truth = truthOf(demoScripts()[c.script], cb.dimensions[d].name);
            out[d].push_back(u(rng) < errorRate ? confusable(cb.dimensions[d], truth, rng) : truth);
        }
    return out;
}

// How far the experts' kappas lie outside [0.55, 0.78], summed over the dimensions: 0 is
// realistic; an undefined kappa (a handful of clips, all in one class) counts as 1.
double distanceFromRealistic(const Codebook& cb, const ExpertLabels& a, const ExpertLabels& b) {
    double distance = 0;
    for (int d = 0; d < cb.dimensions.size(); ++d) {
        metrics::RatingTable t(cb.dimensions[d].classNames());
        for (int i = 0; i < a[d].size(); ++i) {
            (void)t.set(kExpertA, QString::number(i), a[d][i]);
            (void)t.set(kExpertB, QString::number(i), b[d][i]);
        }
        const double k = metrics::CohenKappa::fromTable(t, 0, 1).kappa;
        distance += std::isnan(k) ? 1.0 : k < 0.55 ? 0.55 - k : k > 0.78 ? k - 0.78 : 0.0;
    }
    return distance;
}

}  // namespace

Result<QString> createDemoProject(const QString& dirPath, const DemoOptions& options,
                                  const std::function<void(int, int)>& progress) {
    QDir dir(dirPath);
    if (!dir.mkpath(QStringLiteral("media"))) return makeError(dirPath + QStringLiteral(": cannot create folder"));
    const QString projectPath = dir.absoluteFilePath(QStringLiteral("demo.motor"));
    if (QFileInfo::exists(projectPath)) return makeError(projectPath + QStringLiteral(": already exists"));

    std::mt19937 rng(options.seed);
    const int recordings = (options.clipCount + kClipsPerRecording - 1) / kClipsPerRecording;
    // Scripts: every one once, then more Monitoring ones (the dominant class).
    QVector<int> scriptOrder;
    for (int i = 0; scriptOrder.size() < options.clipCount; ++i)
        scriptOrder.push_back(i < demoScripts().size() ? i : int(rng() % 8));
    std::shuffle(scriptOrder.begin(), scriptOrder.end(), rng);

    QVector<PlannedClip> plan;
    QVector<int64_t> recordingMs(recordings, 0);
    for (int i = 0; i < options.clipCount; ++i) {
        const int r = i / kClipsPerRecording;
        const int64_t durationMs = 3000 + int64_t(rng() % 51) * 100;  // 3.0 .. 8.0 s
        const int64_t start = recordingMs[r] + kGapMs;
        plan.push_back({r, start, start + durationMs, scriptOrder[i]});
        recordingMs[r] = start + durationMs;
    }

    // The experts' labels first: the closest to realistic agreement of up to 500 draws (a
    // few clips may not reach it at all, and the demo is still made).
    const Codebook cb = Codebook::motorDefault();
    ExpertLabels anna, mikko;
    double best = std::numeric_limits<double>::infinity();
    for (int attempt = 0; attempt < 500 && best > 0; ++attempt) {
        ExpertLabels a = drawExpert(cb, plan, 0.12, rng), b = drawExpert(cb, plan, 0.16, rng);
        if (const double d = distanceFromRealistic(cb, a, b); d < best) {
            best = d;
            anna = std::move(a);
            mikko = std::move(b);
        }
    }

    // Nothing is left behind by a demo that fails half-way: its project and media go.
    QStringList written{projectPath};
    bool done = false;
    const auto cleanUp = qScopeGuard([&] {
        if (done) return;
        for (const QString& f : written)
            for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(f + suffix);
    });
    auto created = Project::create(projectPath, cb);
    if (!created) return created.error();
    auto& project = *created.value();

    QVector<int64_t> mediaIds;
    for (int r = 0; r < recordings; ++r) {
        if (progress) progress(r, recordings + 1);
        const QString file = dir.absoluteFilePath(QStringLiteral("media/ryhma%1.mp4").arg(r + 1));
        media::SyntheticVideoSpec spec;
        spec.width = options.width;
        spec.height = options.height;
        spec.fps = options.fps;
        spec.durationMs = recordingMs[r] + kGapMs;
        spec.seed = options.seed * 100 + unsigned(r);
        written << file;
        if (auto w = media::SyntheticVideoWriter::write(file, spec); !w) return w.error();
        auto imported = io::MediaImporter::importMedia(project, {file}, {io::ClipPolicy::NoClips});
        if (!imported) return imported.error();
        auto m = io::MediaImporter::findMedia(project, file);
        if (!m) return m.error();
        mediaIds.push_back(m->id);
    }

    Status s = project.transaction([&]() -> Status {
        auto a = project.ensureAnnotator(kExpertA, AnnotatorKind::Human);
        if (!a) return a.error();
        auto b = project.ensureAnnotator(kExpertB, AnnotatorKind::Human);
        if (!b) return b.error();
        for (int i = 0; i < plan.size(); ++i) {
            const PlannedClip& pc = plan[i];
            Clip c;
            c.key = QStringLiteral("g%1-c%2")
                        .arg(pc.recording + 1)
                        .arg(i % kClipsPerRecording + 1, 2, 10, QLatin1Char('0'));
            c.mediaId = mediaIds[pc.recording];
            c.startMs = pc.startMs;
            c.endMs = pc.endMs;
            c.group = QStringLiteral("Ryhmä %1").arg(pc.recording + 1);
            c.session = QStringLiteral("Kemia, tunti 1");
            auto clipId = c.mediaId ? project.addClip(c) : Result<int64_t>(makeError("no media"));
            if (!clipId) return clipId.error();
            const DemoScript& script = demoScripts()[pc.script];
            const int64_t slot = c.durationMs() / script.lines.size();
            for (int l = 0; l < script.lines.size(); ++l) {
                Utterance u;
                u.mediaId = c.mediaId;
                u.startMs = c.startMs + l * slot + 100;
                u.endMs = c.startMs + (l + 1) * slot - 100;
                u.speaker = demoSpeakerName(script.lines[l].speaker);
                u.text = script.lines[l].text;
                u.language = QStringLiteral("fi");
                if (auto r = project.addUtterance(u); !r) return r.error();
            }
            for (int d = 0; d < cb.dimensions.size(); ++d) {
                const QString& dim = cb.dimensions[d].name;
                if (auto r = project.setLabel({clipId.value(), a.value(), dim, anna[d][i], {}, {}, std::nan("")}); !r)
                    return r;
                if (auto r = project.setLabel({clipId.value(), b.value(), dim, mikko[d][i], {}, {}, std::nan("")}); !r)
                    return r;
            }
        }
        return {};
    });
    if (!s) return s.error();
    // A transparent baseline as the first model coder, so review and metrics have a
    // model run to compare with the experts from the start.
    agents::CueBaseline cues;
    agents::RunOptions run;
    run.runName = QStringLiteral("baseline:transcript-cues");
    auto baseline = agents::runPrediction(project, cues, run);
    if (!baseline) return baseline.error();
    if (progress) progress(recordings + 1, recordings + 1);
    done = true;
    return projectPath;
}

}  // namespace motor::demo
