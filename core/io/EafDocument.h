#pragma once
// What MOTOR reads from and writes to an ELAN annotation document (.eaf): tiers of
// annotations with resolved millisecond times, the media it describes and its
// controlled vocabularies. Only the parts a transcript or label tier needs.
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>
#include <cstdint>

namespace motor::io {

struct EafAnnotation {
    QString id;
    int64_t startMs = 0;
    int64_t endMs = 0;
    QString value;
};

struct EafTier {
    QString id;
    QString participant;  // empty when the tier names nobody
    QString annotator;    // ANNOTATOR: who made the tier's annotations (label tiers)
    QString parentRef;    // empty for top-level tiers
    QString linguisticType;
    QString controlledVocabulary;  // CV_ID of the tier's linguistic type, if any
    QVector<EafAnnotation> annotations;
};

struct EafDocument {
    QString mediaUrl;          // MEDIA_DESCRIPTOR MEDIA_URL of the first media
    QString relativeMediaUrl;  // RELATIVE_MEDIA_URL, when given
    QVector<EafTier> tiers;
    QMap<QString, QStringList> vocabularies;  // CV_ID -> entry values, in order
    // Written only (EafWriter): CV_ID -> description of the vocabulary, and CV_ID ->
    // one description per entry (codebook definitions, shown by ELAN as tooltips).
    QMap<QString, QString> vocabularyDescriptions;
    QMap<QString, QStringList> entryDescriptions;

    const EafTier* tier(const QString& id) const {
        for (const auto& t : tiers)
            if (t.id == id) return &t;
        return nullptr;
    }
};

}  // namespace motor::io
