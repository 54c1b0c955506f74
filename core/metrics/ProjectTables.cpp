#include "core/metrics/ProjectTables.h"

#include <QHash>

namespace motor::metrics {

Result<std::vector<DimensionTable>> ratingTablesFromProject(Project& project) {
    auto clips = project.clips();
    if (!clips) return clips.error();
    auto annotators = project.annotators();
    if (!annotators) return annotators.error();
    auto annotations = project.annotations();
    if (!annotations) return annotations.error();

    const Codebook& cb = project.codebook();
    std::vector<DimensionTable> tables;
    QHash<QString, int> dimIndex;
    for (const auto& d : cb.dimensions) {
        dimIndex.insert(d.name, int(tables.size()));
        DimensionTable t{d.name, RatingTable(d.classNames())};
        // Every coder and clip appears in every table, so absent ratings stay
        // visible as missing rather than vanishing from the report.
        for (const auto& a : annotators.value()) t.table.addCoder(a.name);
        for (const auto& c : clips.value()) t.table.addItem(c.key);
        tables.push_back(std::move(t));
    }
    QHash<int64_t, QString> clipKey;
    for (const auto& c : clips.value()) clipKey.insert(c.id, c.key);
    QHash<int64_t, QString> coderName;
    for (const auto& a : annotators.value()) coderName.insert(a.id, a.name);
    for (const auto& a : annotations.value()) {
        const auto it = dimIndex.constFind(a.dimension);
        if (it == dimIndex.constEnd()) continue;  // dimension of an older codebook
        DimensionTable& t = tables[size_t(*it)];
        const int cls = t.table.classIndex(a.label);
        if (cls < 0) continue;  // class renamed in a newer codebook version
        if (auto s = t.table.set(coderName.value(a.annotatorId), clipKey.value(a.clipId), cls); !s) return s.error();
    }
    return tables;
}

}  // namespace motor::metrics
