#include "core/io/EafReader.h"

#include <QHash>
#include <QXmlStreamReader>
#include <optional>

#include "core/util/ReadFile.h"

namespace motor::io {
namespace {

struct RawAnnotation {
    bool alignable = true;
    QString id;
    QString slot1, slot2;   // alignable
    QString annotationRef;  // reference
    QString value;
    qint64 line = 0;
};

struct RawTier {
    EafTier info;
    QVector<RawAnnotation> annotations;
};

struct Span {
    int64_t startMs = 0;
    int64_t endMs = 0;
};

class Parser {
public:
    Parser(const QString& sourceName) : source_(sourceName) {}

    Result<EafDocument> run(const QByteArray& xml) {
        QXmlStreamReader r(xml);
        if (auto s = read(r); !s) return s.error();
        if (auto s = resolveSlots(); !s) return s.error();
        return build();
    }

private:
    QString at(qint64 line) const { return QStringLiteral("%1:%2: ").arg(source_).arg(line); }

    Status read(QXmlStreamReader& r) {
        bool sawRoot = false;
        std::optional<RawTier> tier;
        std::optional<RawAnnotation> ann;
        QString cvId;
        while (!r.atEnd()) {
            r.readNext();
            if (r.isEndElement()) {
                const auto name = r.name();
                if (name == QLatin1String("TIER") && tier) {
                    tiers_.append(std::move(*tier));
                    tier.reset();
                } else if ((name == QLatin1String("ALIGNABLE_ANNOTATION") || name == QLatin1String("REF_ANNOTATION")) &&
                           ann) {
                    if (!tier)
                        return makeError(at(ann->line) + QStringLiteral("annotation '%1' outside a TIER").arg(ann->id));
                    tier->annotations.append(std::move(*ann));
                    ann.reset();
                } else if (name == QLatin1String("CONTROLLED_VOCABULARY"))
                    cvId.clear();
                continue;
            }
            if (!r.isStartElement()) continue;
            const auto name = r.name();
            const auto attrs = r.attributes();
            const qint64 line = r.lineNumber();
            if (!sawRoot) {
                if (name != QLatin1String("ANNOTATION_DOCUMENT"))
                    return makeError(at(line) + QStringLiteral("not an ELAN document (root element '%1', expected "
                                                               "ANNOTATION_DOCUMENT)")
                                                    .arg(name.toString()));
                sawRoot = true;
            } else if (name == QLatin1String("MEDIA_DESCRIPTOR")) {
                if (mediaUrl_.isEmpty()) {
                    mediaUrl_ = attrs.value(QLatin1String("MEDIA_URL")).toString();
                    relativeMediaUrl_ = attrs.value(QLatin1String("RELATIVE_MEDIA_URL")).toString();
                }
            } else if (name == QLatin1String("TIME_SLOT")) {
                const QString id = attrs.value(QLatin1String("TIME_SLOT_ID")).toString();
                if (id.isEmpty()) return makeError(at(line) + QStringLiteral("TIME_SLOT without TIME_SLOT_ID"));
                if (slotIndex_.contains(id))
                    return makeError(at(line) + QStringLiteral("duplicate time slot '%1'").arg(id));
                std::optional<int64_t> value;
                if (attrs.hasAttribute(QLatin1String("TIME_VALUE"))) {
                    bool ok = false;
                    const qint64 v = attrs.value(QLatin1String("TIME_VALUE")).toLongLong(&ok);
                    if (!ok || v < 0)
                        return makeError(at(line) + QStringLiteral("time slot '%1': TIME_VALUE '%2' is not a number of "
                                                                   "milliseconds")
                                                        .arg(id, attrs.value(QLatin1String("TIME_VALUE"))));
                    value = v;
                }
                slotIndex_.insert(id, slotValues_.size());
                slotIds_.append(id);
                slotValues_.append(value);
            } else if (name == QLatin1String("TIER")) {
                RawTier t;
                t.info.id = attrs.value(QLatin1String("TIER_ID")).toString();
                t.info.participant = attrs.value(QLatin1String("PARTICIPANT")).toString().trimmed();
                t.info.annotator = attrs.value(QLatin1String("ANNOTATOR")).toString();
                t.info.parentRef = attrs.value(QLatin1String("PARENT_REF")).toString();
                t.info.linguisticType = attrs.value(QLatin1String("LINGUISTIC_TYPE_REF")).toString();
                if (t.info.id.isEmpty()) return makeError(at(line) + QStringLiteral("TIER without TIER_ID"));
                tier = std::move(t);
            } else if (name == QLatin1String("ALIGNABLE_ANNOTATION") || name == QLatin1String("REF_ANNOTATION")) {
                RawAnnotation a;
                a.alignable = name == QLatin1String("ALIGNABLE_ANNOTATION");
                a.id = attrs.value(QLatin1String("ANNOTATION_ID")).toString();
                a.slot1 = attrs.value(QLatin1String("TIME_SLOT_REF1")).toString();
                a.slot2 = attrs.value(QLatin1String("TIME_SLOT_REF2")).toString();
                a.annotationRef = attrs.value(QLatin1String("ANNOTATION_REF")).toString();
                a.line = line;
                if (a.id.isEmpty()) return makeError(at(line) + QStringLiteral("annotation without ANNOTATION_ID"));
                ann = std::move(a);
            } else if (name == QLatin1String("ANNOTATION_VALUE")) {
                const QString v = r.readElementText();
                if (ann) ann->value = v;
            } else if (name == QLatin1String("LINGUISTIC_TYPE")) {
                typeVocabulary_.insert(attrs.value(QLatin1String("LINGUISTIC_TYPE_ID")).toString(),
                                       attrs.value(QLatin1String("CONTROLLED_VOCABULARY_REF")).toString());
            } else if (name == QLatin1String("CONTROLLED_VOCABULARY")) {
                cvId = attrs.value(QLatin1String("CV_ID")).toString();
                vocabularies_[cvId];
            } else if (name == QLatin1String("CV_ENTRY") && !cvId.isEmpty()) {
                vocabularies_[cvId].append(r.readElementText());  // EAF 2.x
            } else if (name == QLatin1String("CV_ENTRY_ML") && !cvId.isEmpty()) {
                inMlEntry_ = true;
            } else if (name == QLatin1String("CVE_VALUE") && !cvId.isEmpty() && inMlEntry_) {
                vocabularies_[cvId].append(r.readElementText());  // EAF 3.0: first language wins
                inMlEntry_ = false;
            }
        }
        if (r.hasError())
            return makeError(at(r.lineNumber()) + QStringLiteral("not well-formed XML: ") + r.errorString());
        if (!sawRoot) return makeError(source_ + QStringLiteral(":1: empty document"));
        return {};
    }

    Result<int> slot(const QString& id, const RawAnnotation& a) const {
        const auto it = slotIndex_.constFind(id);
        if (it == slotIndex_.constEnd())
            return makeError(at(a.line) +
                             QStringLiteral("annotation '%1' refers to unknown time slot '%2'").arg(a.id, id));
        return *it;
    }

    // Spreads unknown values evenly between the known ones along a slot sequence.
    void interpolate(const QVector<int>& chain) {
        int lastKnown = -1;
        for (int k = 0; k < chain.size(); ++k) {
            if (!slotValues_[chain[k]]) continue;
            if (lastKnown >= 0 && k - lastKnown > 1) {
                const int64_t a = *slotValues_[chain[lastKnown]];
                const int64_t b = *slotValues_[chain[k]];
                for (int j = lastKnown + 1; j < k; ++j)
                    slotValues_[chain[j]] = a + (b - a) * (j - lastKnown) / (k - lastKnown);
            }
            lastKnown = k;
        }
    }

    Status resolveSlots() {
        for (const RawTier& t : tiers_) {
            QVector<int> chain;
            for (const RawAnnotation& a : t.annotations) {
                if (!a.alignable) continue;
                auto s1 = slot(a.slot1, a);
                if (!s1) return s1.error();
                auto s2 = slot(a.slot2, a);
                if (!s2) return s2.error();
                if (chain.isEmpty() || chain.back() != *s1) {
                    interpolate(chain);
                    chain = {*s1};
                }
                chain.append(*s2);
            }
            interpolate(chain);
        }
        // Whatever no chain reached: between its neighbours in TIME_ORDER, which ELAN
        // keeps sorted by time.
        const int n = int(slotValues_.size());
        for (int i = 0; i < n; ++i) {
            if (slotValues_[i]) continue;
            int prev = i - 1, next = i + 1;
            while (prev >= 0 && !slotValues_[prev]) --prev;
            while (next < n && !slotValues_[next]) ++next;
            if (prev < 0 && next >= n)
                return makeError(source_ + QStringLiteral(": time slot '%1' has no TIME_VALUE and no aligned slot "
                                                          "to derive one from")
                                               .arg(slotIds_[i]));
            if (prev < 0)
                slotValues_[i] = *slotValues_[next];
            else if (next >= n)
                slotValues_[i] = *slotValues_[prev];
            else
                slotValues_[i] =
                    *slotValues_[prev] + (*slotValues_[next] - *slotValues_[prev]) * (i - prev) / (next - prev);
        }
        return {};
    }

    Result<Span> spanOf(const QString& id, const RawAnnotation& from, int depth) {
        if (auto it = spans_.constFind(id); it != spans_.constEnd()) return *it;
        const auto found = byId_.constFind(id);
        if (found == byId_.constEnd())
            return makeError(at(from.line) +
                             QStringLiteral("annotation '%1' refers to unknown annotation '%2'").arg(from.id, id));
        const RawAnnotation& a = **found;
        if (depth > 64) return makeError(at(a.line) + QStringLiteral("annotation '%1': reference cycle").arg(a.id));
        Span s;
        if (a.alignable) {
            s = {*slotValues_[slotIndex_.value(a.slot1)], *slotValues_[slotIndex_.value(a.slot2)]};
            if (s.endMs < s.startMs)
                return makeError(at(a.line) + QStringLiteral("annotation '%1' ends (%2 ms) before it starts (%3 ms)")
                                                  .arg(a.id)
                                                  .arg(s.endMs)
                                                  .arg(s.startMs));
        } else {
            if (a.annotationRef.isEmpty())
                return makeError(at(a.line) +
                                 QStringLiteral("reference annotation '%1' without ANNOTATION_REF").arg(a.id));
            auto parent = spanOf(a.annotationRef, a, depth + 1);
            if (!parent) return parent.error();
            s = *parent;
        }
        spans_.insert(id, s);
        return s;
    }

    Result<EafDocument> build() {
        for (const RawTier& t : tiers_)
            for (const RawAnnotation& a : t.annotations) {
                if (byId_.contains(a.id))
                    return makeError(at(a.line) + QStringLiteral("duplicate annotation id '%1'").arg(a.id));
                byId_.insert(a.id, &a);
            }
        EafDocument doc;
        doc.mediaUrl = mediaUrl_;
        doc.relativeMediaUrl = relativeMediaUrl_;
        doc.vocabularies = vocabularies_;
        for (const RawTier& t : tiers_) {
            EafTier out = t.info;
            out.controlledVocabulary = typeVocabulary_.value(out.linguisticType);
            for (const RawAnnotation& a : t.annotations) {
                auto s = spanOf(a.id, a, 0);
                if (!s) return s.error();
                out.annotations.append(EafAnnotation{a.id, s->startMs, s->endMs, a.value});
            }
            doc.tiers.append(std::move(out));
        }
        return doc;
    }

    QString source_;
    QString mediaUrl_, relativeMediaUrl_;
    QHash<QString, int> slotIndex_;
    QStringList slotIds_;
    QVector<std::optional<int64_t>> slotValues_;
    QVector<RawTier> tiers_;
    QHash<QString, QString> typeVocabulary_;
    QMap<QString, QStringList> vocabularies_;
    bool inMlEntry_ = false;
    QHash<QString, const RawAnnotation*> byId_;
    QHash<QString, Span> spans_;
};

}  // namespace

Result<EafDocument> EafReader::parse(const QByteArray& xml, const QString& sourceName) {
    return Parser(sourceName).run(xml);
}

Result<EafDocument> EafReader::parseFile(const QString& path) {
    auto bytes = util::readFile(path, QStringLiteral("an ELAN file"));
    if (!bytes) return bytes.error();
    return parse(bytes.value(), path);
}

QVector<Utterance> EafReader::utterances(const EafDocument& doc) {
    QVector<Utterance> out;
    for (const EafTier& t : doc.tiers) {
        const QString speaker = t.participant.isEmpty() ? t.id : t.participant;
        for (const EafAnnotation& a : t.annotations) {
            const QString text = a.value.trimmed();
            if (text.isEmpty()) continue;
            Utterance u;
            u.startMs = a.startMs;
            u.endMs = a.endMs;
            u.speaker = speaker;
            u.text = text;
            out.append(u);
        }
    }
    return out;
}

}  // namespace motor::io
