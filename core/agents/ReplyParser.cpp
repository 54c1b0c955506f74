#include "core/agents/ReplyParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace motor::agents {

namespace {

// The first balanced {...} in text, honouring JSON strings.
QString firstJsonObject(const QString& text) {
    const qsizetype start = text.indexOf(QLatin1Char('{'));
    if (start < 0) return {};
    int depth = 0;
    bool inString = false, escaped = false;
    for (qsizetype i = start; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == QLatin1Char('\\'))
                escaped = true;
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        if (c == QLatin1Char('"'))
            inString = true;
        else if (c == QLatin1Char('{'))
            ++depth;
        else if (c == QLatin1Char('}') && --depth == 0)
            return text.mid(start, i - start + 1);
    }
    return {};
}

}  // namespace

QString boundRationale(const QString& text, int maxChars) {
    QString t = text.simplified();
    if (maxChars <= 0 || t.size() <= maxChars) return t;
    const qsizetype space = t.lastIndexOf(QLatin1Char(' '), maxChars);
    return t.left(space > maxChars * 2 / 3 ? space : maxChars);
}

Result<LmOutput> parseReply(const QString& reply, const LmConstraint& constraint) {
    const QString json = firstJsonObject(reply);
    if (json.isEmpty()) return makeError(QStringLiteral("reply holds no JSON object"));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("reply is not valid JSON: %1").arg(pe.errorString()));
    const QJsonObject o = doc.object();
    LmOutput out;
    out.raw = reply;
    for (qsizetype i = 0; i < constraint.fields.size(); ++i) {
        const LmLabelField& f = constraint.fields[i];
        const QString key = replyKey(constraint, i);
        const QJsonValue v = o.value(key);
        if (!v.isString()) return makeError(QStringLiteral("reply has no string \"%1\"").arg(key));
        const QString given = v.toString().trimmed();
        QString match;
        for (const auto& l : f.labels)
            if (l.compare(given, Qt::CaseInsensitive) == 0) match = l;
        if (match.isEmpty())
            return makeError(
                QStringLiteral("\"%1\": \"%2\" is not one of %3").arg(key, given, f.labels.join(QStringLiteral(", "))));
        LmFieldResult r;
        r.label = match;
        const QJsonValue conf = o.value(QStringLiteral("confidence"));
        if (conf.isDouble() && conf.toDouble() >= 0.0 && conf.toDouble() <= 1.0) r.confidence = conf.toDouble();
        out.fields.insert(f.name, r);
    }
    out.rationale = boundRationale(o.value(QStringLiteral("rationale")).toString(), constraint.maxRationaleChars);
    return out;
}

}  // namespace motor::agents
