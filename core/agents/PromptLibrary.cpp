#include "core/agents/PromptLibrary.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include "core/util/ReadFile.h"

static void initPromptResources() {
    Q_INIT_RESOURCE(resources);
}

namespace motor::agents {

namespace {

Status readTemplates(const QString& dir, QMap<QString, PromptTemplate>* out) {
    const QDir d(dir);
    const QStringList files = d.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    for (const QString& f : files) {
        auto read = util::readFile(d.filePath(f), QStringLiteral("a prompt template"));
        if (!read) return read.error();
        const QByteArray bytes = read.value();
        PromptTemplate t;
        t.name = QFileInfo(f).completeBaseName();
        t.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        QStringList kept;
        for (const QString& line : QString::fromUtf8(bytes).split(QLatin1Char('\n'))) {
            if (!line.startsWith(QLatin1String("##"))) kept << line;
        }
        while (!kept.isEmpty() && kept.last().trimmed().isEmpty()) kept.removeLast();
        t.text = kept.join(QLatin1Char('\n'));
        out->insert(t.name, t);
    }
    return {};
}

}  // namespace

Result<PromptLibrary> PromptLibrary::load(const QString& overrideDir) {
    static const bool once = (initPromptResources(), true);
    (void)once;
    PromptLibrary lib;
    if (auto st = readTemplates(QStringLiteral(":/motor/prompts"), &lib.templates_); !st) return st.error();
    if (lib.templates_.isEmpty()) return makeError(QStringLiteral(":/motor/prompts: no prompt templates built in"));
    if (!overrideDir.isEmpty()) {
        if (!QFileInfo(overrideDir).isDir()) return makeError(QStringLiteral("%1: not a folder").arg(overrideDir));
        if (auto st = readTemplates(overrideDir, &lib.templates_); !st) return st.error();
    }
    return lib;
}

const PromptTemplate* PromptLibrary::find(const QString& name) const {
    auto it = templates_.constFind(name);
    return it == templates_.constEnd() ? nullptr : &it.value();
}

Result<QString> PromptLibrary::fill(const QString& name, const QMap<QString, QString>& values) const {
    const PromptTemplate* t = find(name);
    if (!t) return makeError(QStringLiteral("prompt template '%1' missing").arg(name));
    return fillPlaceholders(t->text, values, name + QStringLiteral(".txt"));
}

QJsonObject PromptLibrary::hashes() const {
    QJsonObject o;
    for (const auto& t : templates_) o.insert(t.name, t.sha256);
    return o;
}

Result<QString> fillPlaceholders(const QString& text, const QMap<QString, QString>& values, const QString& sourceName) {
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([A-Za-z0-9_]+)\\s*\\}\\}"));
    QString out;
    qsizetype pos = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(pos, m.capturedStart() - pos);
        const QString key = m.captured(1);
        auto v = values.constFind(key);
        if (v == values.constEnd())
            return makeError(QStringLiteral("%1: unknown placeholder {{%2}}").arg(sourceName, key));
        out += v.value();
        pos = m.capturedEnd();
    }
    out += QStringView(text).mid(pos);
    return out;
}

}  // namespace motor::agents
