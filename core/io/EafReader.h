#pragma once
// Reads ELAN .eaf (2.x and 3.0). Time slots without TIME_VALUE ("unaligned", made by
// time subdivision) get the times ELAN would show: spread evenly along the chain of
// annotations that shares them, between the nearest aligned slots; slots outside any
// such chain fall back to their TIME_ORDER neighbours. REF_ANNOTATIONs (symbolic
// subdivision/association) take the times of the annotation they refer to.
#include <QByteArray>
#include <QString>
#include <QVector>

#include "core/io/EafDocument.h"
#include "core/model/Entities.h"
#include "core/util/Result.h"

namespace motor::io {

class EafReader {
public:
    // Errors name sourceName and the XML line: "session.eaf:812: annotation 'a9'
    // refers to unknown time slot 'ts99'".
    static Result<EafDocument> parse(const QByteArray& xml, const QString& sourceName);
    static Result<EafDocument> parseFile(const QString& path);
    // One utterance per non-empty annotation; each tier is a speaker (PARTICIPANT when
    // set, else TIER_ID).
    static QVector<Utterance> utterances(const EafDocument& doc);
};

}  // namespace motor::io
