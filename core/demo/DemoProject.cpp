#include "core/demo/DemoProject.h"

#include <QDir>
#include <QFileInfo>
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

// Draws both experts' labels; retries until their kappa lies in [0.55, 0.78] on every
// dimension, so the demo shows realistic agreement (MOTOR-Bench reports 0.73).
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

bool agreementIsRealistic(const Codebook& cb, const ExpertLabels& a, const ExpertLabels& b) {
    for (int d = 0; d < cb.dimensions.size(); ++d) {
        metrics::RatingTable t(cb.dimensions[d].classNames());
        for (int i = 0; i < a[d].size(); ++i) {
            (void)t.set(kExpertA, QString::number(i), a[d][i]);
            (void)t.set(kExpertB, QString::number(i), b[d][i]);
        }
        const double k = metrics::CohenKappa::fromTable(t, 0, 1).kappa;
        if (!(k >= 0.55 && k <= 0.78)) return false;
    }
    return true;
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

    auto created = Project::create(projectPath, Codebook::motorDefault());
    if (!created) return created.error();
    auto& project = *created.value();
    const Codebook& cb = project.codebook();

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
        if (auto w = media::SyntheticVideoWriter::write(file, spec); !w) return w.error();
        auto imported = io::MediaImporter::importMedia(project, {file}, {io::ClipPolicy::NoClips});
        if (!imported) return imported.error();
        auto m = io::MediaImporter::findMedia(project, file);
        if (!m) return m.error();
        mediaIds.push_back(m->id);
    }

    ExpertLabels anna, mikko;
    for (int attempt = 0;; ++attempt) {
        anna = drawExpert(cb, plan, 0.12, rng);
        mikko = drawExpert(cb, plan, 0.16, rng);
        if (agreementIsRealistic(cb, anna, mikko)) break;
        if (attempt == 500) return makeError(QStringLiteral("demo: could not draw realistic expert labels"));
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
    return projectPath;
}

}  // namespace motor::demo
