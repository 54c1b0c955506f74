#include "core/agents/CueBaseline.h"

#include <QJsonArray>

namespace motor::agents {

namespace {

int countCue(const QString& text, const QString& cue) {
    int n = 0;
    for (qsizetype at = text.indexOf(cue); at >= 0; at = text.indexOf(cue, at + 1)) {
        if (at == 0 || !text[at - 1].isLetterOrNumber()) ++n;
    }
    return n;
}

class CueSession final : public LmSession {
public:
    CueSession(const CueBaseline* model, QString text) : model_(model), text_(std::move(text)) {}
    Status prefill(const LmContent&, const CancelFlag*) override { return {}; }
    Result<std::unique_ptr<LmSession>> fork() const override {
        return std::unique_ptr<LmSession>(std::make_unique<CueSession>(model_, text_));
    }
    Result<LmOutput> generate(const LmRequest& request, const CancelFlag* cancel) override {
        if (cancelled(cancel)) return cancelledError();
        LmOutput out;
        out.constrained = true;
        QStringList parts;
        for (const auto& f : request.constraint.fields) {
            QStringList matched;
            const LmFieldResult r = model_->classify(f, text_, &matched);
            out.fields.insert(f.name, r);
            parts << (matched.isEmpty() ? QStringLiteral("%1 = %2 (no cue: default)").arg(f.name, r.label)
                                        : QStringLiteral("%1 = %2 (cues: %3)")
                                              .arg(f.name, r.label, matched.join(QStringLiteral(", "))));
        }
        out.rationale = parts.join(QStringLiteral("; "));
        out.raw = out.rationale;
        return out;
    }

private:
    const CueBaseline* model_;
    QString text_;
};

}  // namespace

CueBaseline::CueBaseline(CueTable cues) : cues_(std::move(cues)) {}

CueBaseline::CueTable CueBaseline::defaultCues() {
    auto l = [](std::initializer_list<const char*> words) {
        QStringList out;
        for (const char* w : words) out << QString::fromUtf8(w);
        return out;
    };
    CueTable t;
    t[QStringLiteral("behavior")][QStringLiteral("monitoring")] =
        l({"onko", "onks", "ootteko", "oletteko", "ymmärs", "ymmärrät", "tarkist", "missä vaihe", "valmis",
           "tiedättekö", "miten menee", "mitä meidän", "paljonko", "are we", "check", "did we", "do you understand",
           "where are we", "how far"});
    t[QStringLiteral("behavior")][QStringLiteral("controlling")] =
        l({"tehdään", "tehään",     "pitää",      "pitäis",  "laitetaan",  "kokeillaan", "otetaan",
           "mennään", "aloitetaan", "vaihdetaan", "ei vaan", "sen sijaan", "kirjoita",   "let's",
           "lets",    "we should",  "instead",    "try ",    "do it",      "next we"});
    t[QStringLiteral("cognition")][QStringLiteral("positive")] =
        l({"toimii", "oikein", "hyvä", "selvä", "onnistu", "järkee", "just noin", "niin on", "works", "right",
           "correct", "good", "got it", "makes sense"});
    t[QStringLiteral("cognition")][QStringLiteral("negative")] =
        l({"väärin", "ei toimi", "en tiedä", "en ymmärrä", "en tajuu", "outo", "ei onnistu", "virhe", "hmm", "wrong",
           "don't know", "confus", "doesn't work", "error", "no idea"});
    t[QStringLiteral("emotion")][QStringLiteral("positive")] =
        l({"haha", "hah", "jee", "jes", "ihana", "siisti", "kiva", "mahtava", "naur", "great", "awesome", "yay", "lol",
           ":d"});
    t[QStringLiteral("emotion")][QStringLiteral("negative")] =
        l({"vittu", "perkele", "ärsyttä", "tylsä", "huoh", "voi ei", "apua", "ugh", "argh", "boring", "annoying",
           "hate"});
    return t;
}

LmFieldResult CueBaseline::classify(const LmLabelField& field, const QString& text, QStringList* matched) const {
    const QString lower = text.toLower();
    const QMap<QString, QStringList> classes = cues_.value(field.name.toLower());
    QMap<QString, int> hits;
    int total = 0;
    for (const auto& label : field.labels) {
        int n = 0;
        for (const auto& cue : classes.value(label.toLower())) {
            const int k = countCue(lower, cue);
            if (k > 0 && matched) *matched << QStringLiteral("\"%1\"").arg(cue.trimmed());
            n += k;
        }
        hits[label] = n;
        total += n;
    }
    QString mixed, fallback = field.labels.value(0);
    for (const auto& label : field.labels) {
        if (label.compare(QStringLiteral("Mixed"), Qt::CaseInsensitive) == 0) mixed = label;
        if (label.compare(QStringLiteral("Neutral"), Qt::CaseInsensitive) == 0) fallback = label;
    }
    QString first, second;
    for (const auto& label : field.labels) {
        if (hits[label] == 0) continue;
        if (first.isEmpty() || hits[label] > hits[first]) {
            second = first;
            first = label;
        } else if (second.isEmpty() || hits[label] > hits[second]) {
            second = label;
        }
    }
    LmFieldResult r;
    if (first.isEmpty()) {
        r.label = fallback;
        return r;
    }
    if (!mixed.isEmpty() && !second.isEmpty() && 2 * hits[second] >= hits[first]) {
        r.label = mixed;
        r.confidence = double(hits[first] + hits[second]) / total;
    } else {
        r.label = first;
        r.confidence = double(hits[first]) / total;
    }
    for (const auto& label : field.labels) r.probabilities.insert(label, total > 0 ? double(hits[label]) / total : 0.0);
    return r;
}

QJsonObject CueBaseline::identity() const {
    QJsonObject table;
    for (auto it = cues_.begin(); it != cues_.end(); ++it) {
        QJsonObject classes;
        for (auto jt = it.value().begin(); jt != it.value().end(); ++jt)
            classes.insert(jt.key(), QJsonArray::fromStringList(jt.value()));
        table.insert(it.key(), classes);
    }
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("transcript-cues")}, {QStringLiteral("cues"), table}};
}

LmCapabilities CueBaseline::capabilities() const {
    LmCapabilities c;
    c.constrainedDecoding = true;
    c.prefixSharing = true;
    c.preferredBatch = 16;
    return c;
}

Result<std::unique_ptr<LmSession>> CueBaseline::newSession(const SessionInfo& info) {
    QStringList lines;
    for (const auto& u : info.transcript) lines << u.text;
    return std::unique_ptr<LmSession>(std::make_unique<CueSession>(this, lines.join(QLatin1Char('\n'))));
}

}  // namespace motor::agents
