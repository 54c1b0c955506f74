#include "core/io/JsonlExporter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

#include "core/io/AtomicFile.h"
#include "core/io/ExportData.h"

namespace motor::io {

Result<int> JsonlExporter::exportJsonl(Project& project, const QString& path) {
    auto data = ExportData::load(project);
    if (!data) return data.error();
    QByteArray out;
    for (const Clip& c : data->clips) {
        QJsonObject o;
        o[QStringLiteral("clip_id")] = qint64(c.id);
        o[QStringLiteral("key")] = c.key;
        o[QStringLiteral("media")] = data->mediaById.value(c.mediaId).path;
        o[QStringLiteral("media_id")] = qint64(c.mediaId);
        o[QStringLiteral("start_ms")] = qint64(c.startMs);
        o[QStringLiteral("end_ms")] = qint64(c.endMs);
        o[QStringLiteral("group")] = c.group;
        o[QStringLiteral("session")] = c.session;
        auto utterances = project.utterances(c.mediaId, c.startMs, c.endMs);
        if (!utterances) return utterances.error();
        QJsonArray transcript;
        for (const Utterance& u : *utterances)
            transcript.append(QJsonObject{{QStringLiteral("start_ms"), qint64(u.startMs)},
                                          {QStringLiteral("end_ms"), qint64(u.endMs)},
                                          {QStringLiteral("speaker"), u.speaker},
                                          {QStringLiteral("text"), u.text},
                                          {QStringLiteral("language"), u.language}});
        o[QStringLiteral("transcript")] = transcript;
        QJsonArray labels;
        for (const Annotation& a : data->labelsByClip.value(c.id)) {
            const Annotator who = data->annotatorById.value(a.annotatorId);
            labels.append(QJsonObject{
                {QStringLiteral("annotator"), who.name},
                {QStringLiteral("annotator_kind"), annotatorKindName(who.kind)},
                {QStringLiteral("dimension"), a.dimension},
                {QStringLiteral("label"), a.label},
                {QStringLiteral("note"), a.note},
                {QStringLiteral("rationale"), a.rationale},
                {QStringLiteral("confidence"), std::isnan(a.confidence) ? QJsonValue() : QJsonValue(a.confidence)}});
        }
        o[QStringLiteral("labels")] = labels;
        out += QJsonDocument(o).toJson(QJsonDocument::Compact);
        out += '\n';
    }
    if (auto s = AtomicFile::write(path, out); !s) return s.error();
    return int(data->clips.size());
}

}  // namespace motor::io
