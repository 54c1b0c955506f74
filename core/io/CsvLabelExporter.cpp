#include "core/io/CsvLabelExporter.h"

#include "core/io/AtomicFile.h"
#include "core/io/CsvWriter.h"
#include "core/io/ExportData.h"

namespace motor::io {

Result<int> CsvLabelExporter::exportCsv(Project& project, const QString& path) {
    auto data = ExportData::load(project);
    if (!data) return data.error();
    CsvWriter csv;
    csv.addRow({QStringLiteral("clip"), QStringLiteral("media"), QStringLiteral("start_ms"), QStringLiteral("end_ms"),
                QStringLiteral("annotator"), QStringLiteral("dimension"), QStringLiteral("label")});
    int rows = 0;
    for (const Clip& c : data->clips) {
        const QString media = data->mediaById.value(c.mediaId).path;
        for (const Annotation& a : data->labelsByClip.value(c.id)) {
            csv.addRow({c.key, media, QString::number(c.startMs), QString::number(c.endMs),
                        data->annotatorById.value(a.annotatorId).name, a.dimension, a.label});
            ++rows;
        }
    }
    if (auto s = AtomicFile::write(path, csv.toUtf8()); !s) return s.error();
    return rows;
}

}  // namespace motor::io
