#pragma once
// Writes an EafDocument as ELAN 3.0 XML in the element order the EAFv3.0 schema
// requires (HEADER, TIME_ORDER, TIER, LINGUISTIC_TYPE, LANGUAGE, CONSTRAINT,
// CONTROLLED_VOCABULARY). Every annotation is top-level and time-aligned with two time
// slots of its own, so moving one boundary in ELAN never drags another tier's.
#include <QByteArray>
#include <QString>

#include "core/io/EafDocument.h"

namespace motor::io {

class EafWriter {
public:
    // Characters an XML ID may not contain become '_'; used for linguistic type and CV ids.
    static QString xmlId(const QString& text);
    // mediaUrl should be an absolute file:// URL, relativeMediaUrl relative to the .eaf.
    static QByteArray toXml(const EafDocument& doc, const QString& author = {});
};

}  // namespace motor::io
