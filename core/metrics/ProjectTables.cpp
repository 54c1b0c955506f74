#include "core/metrics/ProjectTables.h"

#include <QHash>

namespace motor::metrics {

Result<std::vector<DimensionTable>> ratingTablesFromProject(Project& project) {
    auto clips = project.clips();
    if (!clips) return clips.error();
    auto annotators = project.annotators();
    if (!annotators) return annotators.error();

    const Codebook& cb = project.codebook();
    std::vector<DimensionTable> tables;
    for (const auto& d : cb.dimensions) {
        DimensionTable t{d.name, RatingTable(d.classNames())};
        // Every coder and clip appears in every table, so absent ratings stay
        // visible as missing rather than vanishing from the report.
        for (const auto& a : annotators.value()) t.table.addCoder(a.name);
        for (const auto& c : clips.value()) t.table.addItem(c.key);
        tables.push_back(std::move(t));
    }
    // The dashboard redoes this after every label change: read the four needed columns
    // and compare raw UTF-8 against the few dimension and class names, so no string is
    // allocated per row.
    QHash<int64_t, QString> clipKey;
    for (const auto& c : clips.value()) clipKey.insert(c.id, c.key);
    QHash<int64_t, QString> coderName;
    for (const auto& a : annotators.value()) coderName.insert(a.id, a.name);
    struct DimBytes {
        std::string name;
        std::vector<std::string> classes;
    };
    std::vector<DimBytes> dims;
    for (const auto& d : cb.dimensions) {
        DimBytes db{d.name.toStdString(), {}};
        for (const auto& c : d.classes) db.classes.push_back(c.name.toStdString());
        dims.push_back(std::move(db));
    }
    auto st = project.database().prepare(QStringLiteral("SELECT annotator_id, clip_id, dimension, label FROM annotations"));
    if (!st) return st.error();
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) break;
        const std::string_view dim = st->rawText(2);
        const std::string_view label = st->rawText(3);
        for (size_t d = 0; d < dims.size(); ++d) {
            if (dims[d].name != dim) continue;
            for (size_t c = 0; c < dims[d].classes.size(); ++c) {
                if (dims[d].classes[c] != label) continue;
                // Labels of a class renamed in a newer codebook version are skipped.
                if (auto s = tables[d].table.set(coderName.value(st->int64(0)), clipKey.value(st->int64(1)), int(c)); !s)
                    return s.error();
                break;
            }
            break;
        }
    }
    return tables;
}

}  // namespace motor::metrics
