#include "support/FixtureProject.h"

#include <QDir>
#include <QJsonObject>
#include <random>

#include "core/media/SyntheticVideoWriter.h"
#include "core/store/Project.h"

namespace motor::testing {
namespace {

const char* const kLines[] = {
    "Okei, mitä meidän pitää tehdä seuraavaksi?",
    "Katsotaan vielä ohjeesta, olemmeko oikeilla jäljillä.",
    "Eiku, tehdään se mittaus uudestaan, tuo ei täsmää.",
    "Jes, nyt se toimii! Lämpötila nousi niin kuin arvattiin.",
    "En mä tajua, miksi tulos on noin pieni.",
    "Kirjoitetaanko tämä jo ylös vai odotetaanko?",
    "Sä voit lukea arvot, mä kirjoitan ne taulukkoon.",
    "Tää on ihan hyvä, mutta aika loppuu kohta.",
    "Hei, muistakaa että pitää perustella vastaus.",
    "Ärsyttää, kun tää vaaka näyttää aina eri lukemaa.",
    "Onko kaikilla sama käsitys siitä, mitä ollaan tekemässä?",
    "Vaihdetaan järjestystä: ensin kuumennus, sitten punnitus.",
};
const char* const kSpeakers[] = {"Aino", "Eero", "Lumi", "Onni"};

}  // namespace

Result<QString> createFixtureProject(const QString& dir, const QString& name, const FixtureOptions& options) {
    QDir().mkpath(dir);
    const QString path = QDir(dir).absoluteFilePath(name + QStringLiteral(".motor"));
    auto created = Project::create(path, Codebook::motorDefault());
    if (!created) return created.error();
    Project& p = *created.value();
    const Codebook& cb = p.codebook();
    std::mt19937 rng(options.seed);
    auto chance = [&](double prob) { return std::uniform_real_distribution<double>(0, 1)(rng) < prob; };
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };

    const int64_t totalMs = int64_t(options.clipCount) * options.clipMs;
    Media media;
    media.path = QStringLiteral("media/lesson.mp4");
    media.durationMs = totalMs;
    media.fps = 25.0;
    media.width = 640;
    media.height = 360;
    media.hasAudio = true;
    if (options.withMedia) {
        QDir(dir).mkpath(QStringLiteral("media"));
        media::SyntheticVideoSpec spec;
        spec.durationMs = totalMs;
        spec.seed = options.seed;
        auto written = media::SyntheticVideoWriter::write(QDir(dir).absoluteFilePath(media.path), spec);
        if (!written) return written.error();
    }
    auto mediaId = p.addMedia(media);
    if (!mediaId) return mediaId.error();

    QVector<int64_t> annotatorIds;
    QVector<AnnotatorKind> kinds;
    for (const QString& e : options.experts) {
        auto id = p.ensureAnnotator(e, AnnotatorKind::Human);
        if (!id) return id.error();
        annotatorIds << id.value();
        kinds << AnnotatorKind::Human;
    }
    if (options.withModels) {
        QJsonObject prov{{QStringLiteral("backend"), QStringLiteral("local")},
                         {QStringLiteral("model"), QStringLiteral("InternVL-3.5-8B")}};
        auto mas = p.ensureAnnotator(QStringLiteral("MOTOR-MAS"), AnnotatorKind::Model, prov);
        auto base = p.ensureAnnotator(QStringLiteral("Majority baseline"), AnnotatorKind::Baseline);
        if (!mas) return mas.error();
        if (!base) return base.error();
        annotatorIds << mas.value() << base.value();
        kinds << AnnotatorKind::Model << AnnotatorKind::Baseline;
    }

    for (int i = 0; i < options.clipCount; ++i) {
        Clip c;
        c.key = QStringLiteral("g%1-c%2").arg(i % options.groups + 1).arg(i + 1, 3, 10, QLatin1Char('0'));
        c.mediaId = mediaId.value();
        c.startMs = int64_t(i) * options.clipMs;
        c.endMs = c.startMs + options.clipMs;
        c.group = QStringLiteral("Group %1").arg(i % options.groups + 1);
        c.session = QStringLiteral("Lesson 1");
        auto clipId = p.addClip(c);
        if (!clipId) return clipId.error();
        for (int u = 0; u < 2; ++u) {
            Utterance utt;
            utt.mediaId = mediaId.value();
            utt.startMs = c.startMs + 200 + u * options.clipMs / 2;
            utt.endMs = utt.startMs + options.clipMs / 2 - 400;
            utt.speaker = QString::fromLatin1(kSpeakers[(i + u) % 4]);
            utt.text = QString::fromUtf8(kLines[(i * 2 + u) % 12]);
            utt.language = QStringLiteral("fi");
            auto added = p.addUtterance(utt);
            if (!added) return added.error();
        }
        // A latent "true" label per dimension; coders deviate from it with their own rates.
        QVector<int> truth;
        for (const Dimension& d : cb.dimensions) truth << (chance(0.5) ? 0 : pick(int(d.classes.size())));
        for (int a = 0; a < annotatorIds.size(); ++a) {
            const bool primary = a == 0;
            if (kinds[a] == AnnotatorKind::Human && !primary && !chance(options.secondaryCoverage)) continue;
            const double faithful = kinds[a] == AnnotatorKind::Human   ? 0.85
                                    : kinds[a] == AnnotatorKind::Model ? 0.6
                                                                       : 0.4;
            for (int d = 0; d < cb.dimensions.size(); ++d) {
                const Dimension& dim = cb.dimensions[d];
                LabelWrite w;
                w.clipId = clipId.value();
                w.annotatorId = annotatorIds[a];
                w.dimension = dim.name;
                const int cls = kinds[a] == AnnotatorKind::Baseline ? 0
                                : chance(faithful)                  ? truth[d]
                                                                    : pick(int(dim.classes.size()));
                w.label = dim.classes[cls].name;
                if (kinds[a] == AnnotatorKind::Model) {
                    w.rationale = QStringLiteral("The transcript suggests %1 (%2).").arg(w.label, dim.name);
                    w.confidence = 0.5 + 0.05 * pick(10);
                }
                if (kinds[a] == AnnotatorKind::Human && chance(0.15))
                    w.note = QStringLiteral("Hard to hear the second speaker.");
                const Status s = p.setLabel(w);
                if (!s) return s.error();
            }
        }
    }
    return path;
}

}  // namespace motor::testing
