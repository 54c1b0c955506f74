#include "core/io/EafWriter.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSet>
#include <QXmlStreamWriter>
#include <algorithm>

namespace motor::io {
namespace {

QString mimeTypeFor(const QString& url) {
    const QString ext = QFileInfo(url).suffix().toLower();
    if (ext == QLatin1String("mp4") || ext == QLatin1String("m4v")) return QStringLiteral("video/mp4");
    if (ext == QLatin1String("mov")) return QStringLiteral("video/quicktime");
    if (ext == QLatin1String("mpg") || ext == QLatin1String("mpeg")) return QStringLiteral("video/mpeg");
    if (ext == QLatin1String("wav")) return QStringLiteral("audio/x-wav");
    return QStringLiteral("unknown");  // what ELAN itself writes for other containers
}

struct Slot {
    int64_t timeMs = 0;
    int order = 0;  // creation order, to keep the sort stable and start before end
};

}  // namespace

QString EafWriter::xmlId(const QString& text) {
    QString s;
    for (const QChar c : text)
        s.append(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-') || c == QLatin1Char('.')
                     ? c
                     : QLatin1Char('_'));
    if (s.isEmpty() || !(s.front().isLetter() || s.front() == QLatin1Char('_'))) s.prepend(QLatin1Char('_'));
    return s;
}

QByteArray EafWriter::toXml(const EafDocument& doc, const QString& author) {
    // Two timeSlots per annotation, numbered in time order as ELAN expects TIME_ORDER.
    QVector<Slot> timeSlots;
    for (const EafTier& t : doc.tiers)
        for (const EafAnnotation& a : t.annotations) {
            timeSlots.append({a.startMs, int(timeSlots.size())});
            timeSlots.append({a.endMs, int(timeSlots.size())});
        }
    QVector<int> sorted(timeSlots.size());
    for (int i = 0; i < int(sorted.size()); ++i) sorted[i] = i;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](int x, int y) { return timeSlots[x].timeMs < timeSlots[y].timeMs; });
    QVector<int> slotNumber(timeSlots.size());
    for (int rank = 0; rank < int(sorted.size()); ++rank) slotNumber[sorted[rank]] = rank + 1;

    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(4);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("ANNOTATION_DOCUMENT"));
    w.writeAttribute(QStringLiteral("AUTHOR"), author);
    w.writeAttribute(QStringLiteral("DATE"), QDateTime::currentDateTime()
                                                 .toOffsetFromUtc(QDateTime::currentDateTime().offsetFromUtc())
                                                 .toString(Qt::ISODate));
    w.writeAttribute(QStringLiteral("FORMAT"), QStringLiteral("3.0"));
    w.writeAttribute(QStringLiteral("VERSION"), QStringLiteral("3.0"));
    w.writeNamespace(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"), QStringLiteral("xsi"));
    w.writeAttribute(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"),
                     QStringLiteral("noNamespaceSchemaLocation"),
                     QStringLiteral("http://www.mpi.nl/tools/elan/EAFv3.0.xsd"));

    w.writeStartElement(QStringLiteral("HEADER"));
    w.writeAttribute(QStringLiteral("MEDIA_FILE"), QString());
    w.writeAttribute(QStringLiteral("TIME_UNITS"), QStringLiteral("milliseconds"));
    if (!doc.mediaUrl.isEmpty()) {
        w.writeEmptyElement(QStringLiteral("MEDIA_DESCRIPTOR"));
        w.writeAttribute(QStringLiteral("MEDIA_URL"), doc.mediaUrl);
        w.writeAttribute(QStringLiteral("MIME_TYPE"), mimeTypeFor(doc.mediaUrl));
        if (!doc.relativeMediaUrl.isEmpty())
            w.writeAttribute(QStringLiteral("RELATIVE_MEDIA_URL"), doc.relativeMediaUrl);
    }
    w.writeStartElement(QStringLiteral("PROPERTY"));
    w.writeAttribute(QStringLiteral("NAME"), QStringLiteral("lastUsedAnnotationId"));
    w.writeCharacters(QString::number(timeSlots.size() / 2));
    w.writeEndElement();
    w.writeEndElement();  // HEADER

    w.writeStartElement(QStringLiteral("TIME_ORDER"));
    for (int idx : sorted) {
        w.writeEmptyElement(QStringLiteral("TIME_SLOT"));
        w.writeAttribute(QStringLiteral("TIME_SLOT_ID"), QStringLiteral("ts%1").arg(slotNumber[idx]));
        w.writeAttribute(QStringLiteral("TIME_VALUE"), QString::number(timeSlots[idx].timeMs));
    }
    w.writeEndElement();

    int slotIndex = 0, annotationNumber = 0;
    QStringList typeOrder;
    QHash<QString, QString> typeVocabulary;
    for (const EafTier& t : doc.tiers) {
        const QString type = t.linguisticType.isEmpty() ? QStringLiteral("default-lt") : t.linguisticType;
        if (!typeOrder.contains(type)) {
            typeOrder.append(type);
            typeVocabulary.insert(type, t.controlledVocabulary);
        }
        w.writeStartElement(QStringLiteral("TIER"));
        if (!t.annotator.isEmpty()) w.writeAttribute(QStringLiteral("ANNOTATOR"), t.annotator);
        w.writeAttribute(QStringLiteral("LINGUISTIC_TYPE_REF"), type);
        if (!t.participant.isEmpty()) w.writeAttribute(QStringLiteral("PARTICIPANT"), t.participant);
        w.writeAttribute(QStringLiteral("TIER_ID"), t.id);
        for (const EafAnnotation& a : t.annotations) {
            w.writeStartElement(QStringLiteral("ANNOTATION"));
            w.writeStartElement(QStringLiteral("ALIGNABLE_ANNOTATION"));
            w.writeAttribute(QStringLiteral("ANNOTATION_ID"), QStringLiteral("a%1").arg(++annotationNumber));
            w.writeAttribute(QStringLiteral("TIME_SLOT_REF1"), QStringLiteral("ts%1").arg(slotNumber[slotIndex++]));
            w.writeAttribute(QStringLiteral("TIME_SLOT_REF2"), QStringLiteral("ts%1").arg(slotNumber[slotIndex++]));
            w.writeTextElement(QStringLiteral("ANNOTATION_VALUE"), a.value);
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
    }
    for (const QString& type : typeOrder) {
        w.writeEmptyElement(QStringLiteral("LINGUISTIC_TYPE"));
        const QString cv = typeVocabulary.value(type);
        if (!cv.isEmpty()) w.writeAttribute(QStringLiteral("CONTROLLED_VOCABULARY_REF"), cv);
        w.writeAttribute(QStringLiteral("GRAPHIC_REFERENCES"), QStringLiteral("false"));
        w.writeAttribute(QStringLiteral("LINGUISTIC_TYPE_ID"), type);
        w.writeAttribute(QStringLiteral("TIME_ALIGNABLE"), QStringLiteral("true"));
    }
    w.writeEmptyElement(QStringLiteral("LANGUAGE"));
    w.writeAttribute(QStringLiteral("LANG_DEF"), QStringLiteral("http://cdb.iso.org/lg/CDB-00130975-001"));
    w.writeAttribute(QStringLiteral("LANG_ID"), QStringLiteral("und"));
    w.writeAttribute(QStringLiteral("LANG_LABEL"), QStringLiteral("undetermined (und)"));
    const std::pair<const char*, const char*> constraints[] = {
        {"Time_Subdivision",
         "Time subdivision of parent annotation's time interval, no time gaps allowed within this interval"},
        {"Symbolic_Subdivision",
         "Symbolic subdivision of a parent annotation. Annotations refering to the same parent are ordered"},
        {"Symbolic_Association", "1-1 association with a parent annotation"},
        {"Included_In", "Time alignable annotations within the parent annotation's time interval, gaps are allowed"}};
    for (const auto& [stereotype, description] : constraints) {
        w.writeEmptyElement(QStringLiteral("CONSTRAINT"));
        w.writeAttribute(QStringLiteral("DESCRIPTION"), QLatin1String(description));
        w.writeAttribute(QStringLiteral("STEREOTYPE"), QLatin1String(stereotype));
    }
    int entryNumber = 0;
    for (auto it = doc.vocabularies.constBegin(); it != doc.vocabularies.constEnd(); ++it) {
        w.writeStartElement(QStringLiteral("CONTROLLED_VOCABULARY"));
        w.writeAttribute(QStringLiteral("CV_ID"), it.key());
        w.writeStartElement(QStringLiteral("DESCRIPTION"));
        w.writeAttribute(QStringLiteral("LANG_REF"), QStringLiteral("und"));
        w.writeCharacters(doc.vocabularyDescriptions.value(it.key()));
        w.writeEndElement();
        const QStringList descriptions = doc.entryDescriptions.value(it.key());
        for (qsizetype i = 0; i < it.value().size(); ++i) {
            w.writeStartElement(QStringLiteral("CV_ENTRY_ML"));
            w.writeAttribute(QStringLiteral("CVE_ID"), QStringLiteral("cveid%1").arg(++entryNumber));
            w.writeStartElement(QStringLiteral("CVE_VALUE"));
            w.writeAttribute(QStringLiteral("DESCRIPTION"), descriptions.value(i));
            w.writeAttribute(QStringLiteral("LANG_REF"), QStringLiteral("und"));
            w.writeCharacters(it.value()[i]);
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
    }
    w.writeEndElement();  // ANNOTATION_DOCUMENT
    w.writeEndDocument();
    return out;
}

}  // namespace motor::io
