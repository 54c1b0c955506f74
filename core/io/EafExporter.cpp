#include "core/io/EafExporter.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <algorithm>
#include <limits>

#include "core/io/AtomicFile.h"
#include "core/io/EafWriter.h"
#include "core/io/ExportData.h"
#include "core/io/SafeFileName.h"

namespace motor::io {

QString EafExporter::labelTierId(const QString& dimension, const QString& annotator) {
    return QStringLiteral("%1 (%2)").arg(dimension, annotator);
}

namespace {

Result<EafDocument> build(Project& project, const ExportData* data, const Media& media, const QString& exportFolder) {
    EafDocument doc;
    const QString absolute = project.absoluteMediaPath(media);
    doc.mediaUrl = QUrl::fromLocalFile(absolute).toString();
    QString relative = QDir(exportFolder).relativeFilePath(absolute);
    if (!relative.startsWith(QLatin1String("../")) && !QDir::isAbsolutePath(relative))
        relative.prepend(QStringLiteral("./"));
    doc.relativeMediaUrl = relative;

    const Codebook& codebook = project.codebook();
    QSet<QString> tierIds;
    for (const Dimension& dim : codebook.dimensions) {
        const QString cv = EafWriter::xmlId(dim.name);
        doc.vocabularies.insert(cv, dim.classNames());
        doc.vocabularyDescriptions.insert(cv, dim.description);
        QStringList definitions;
        for (const CodebookClass& c : dim.classes) definitions.append(c.definition);
        doc.entryDescriptions.insert(cv, definitions);

        // Annotators in name order, each with its labels on this media's clips in time order.
        QMap<QString, EafTier> byAnnotator;
        QVector<Clip> clips;
        for (const Clip& c : data->clips)
            if (c.mediaId == media.id) clips.append(c);
        std::stable_sort(clips.begin(), clips.end(),
                         [](const Clip& a, const Clip& b) { return a.startMs < b.startMs; });
        for (const Clip& c : clips)
            for (const Annotation& a : data->labelsByClip.value(c.id)) {
                if (a.dimension != dim.name) continue;
                const QString who = data->annotatorById.value(a.annotatorId).name;
                EafTier& tier = byAnnotator[who];
                if (tier.id.isEmpty()) {
                    tier.id = EafExporter::labelTierId(dim.name, who);
                    tier.annotator = who;
                    tier.linguisticType = QStringLiteral("motor-") + cv;
                    tier.controlledVocabulary = cv;
                }
                tier.annotations.append(EafAnnotation{QString(), c.startMs, c.endMs, a.label});
            }
        for (auto& t : byAnnotator) {
            tierIds.insert(t.id);
            doc.tiers.append(t);
        }
    }

    auto utterances = project.utterances(media.id, 0, std::numeric_limits<int64_t>::max());
    if (!utterances) return utterances.error();
    QMap<QString, EafTier> bySpeaker;
    for (const Utterance& u : *utterances) {
        EafTier& tier = bySpeaker[u.speaker];
        if (tier.id.isEmpty()) {
            QString id = u.speaker.isEmpty() ? QStringLiteral("transcript") : u.speaker;
            for (int n = 2; tierIds.contains(id); ++n)
                id = QStringLiteral("%1 %2").arg(u.speaker.isEmpty() ? QStringLiteral("transcript") : u.speaker).arg(n);
            tierIds.insert(id);
            tier.id = id;
            tier.participant = u.speaker;
            tier.linguisticType = QStringLiteral("transcript");
        }
        tier.annotations.append(EafAnnotation{QString(), u.startMs, u.endMs, u.text});
    }
    for (auto& t : bySpeaker) doc.tiers.append(t);
    return doc;
}

}  // namespace

Result<EafDocument> EafExporter::buildDocument(Project& project, const Media& media, const QString& exportFolder) {
    auto data = ExportData::load(project);
    if (!data) return data.error();
    return build(project, &data.value(), media, exportFolder);
}

Result<QStringList> EafExporter::exportEaf(Project& project, const QString& folder) {
    if (!QDir().mkpath(folder)) return makeError(folder + QStringLiteral(": cannot create folder"));
    auto data = ExportData::load(project);
    if (!data) return data.error();
    QSet<QString> taken;
    QStringList written;
    for (const Media& m : data->media) {
        auto doc = build(project, &data.value(), m, folder);
        if (!doc) return doc.error();
        const QString name = SafeFileName::unique(QFileInfo(m.path).completeBaseName(), QStringLiteral(".eaf"), &taken);
        const QString path = QDir(folder).filePath(name);
        if (!SafeFileName::isInside(folder, path))
            return makeError(path + QStringLiteral(": refusing to write outside the export folder"));
        if (auto s = AtomicFile::write(path, EafWriter::toXml(*doc, QStringLiteral("MOTOR Studio"))); !s)
            return s.error();
        written.append(path);
    }
    return written;
}

}  // namespace motor::io
