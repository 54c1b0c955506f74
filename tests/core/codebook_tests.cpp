// The codebook format (docs/codebook.schema.json) and codebook versions: the shipped
// default passes the schema and the loader; the schema refuses what the loader refuses;
// a new version that would orphan labels is refused and a rename migrates them.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <climits>
#include <functional>

#include "core/store/Project.h"
#include "core/support/TestProject.h"

using namespace motor;

namespace {

// The part of JSON Schema docs/codebook.schema.json uses: type, required, properties,
// items, minItems, minLength, maxLength, minimum, maximum, pattern, propertyNames,
// additionalProperties and local $ref. An unknown keyword fails, so that the schema
// cannot grow past what this checks.
class MiniSchema {
public:
    explicit MiniSchema(QJsonObject root) : root_(std::move(root)) {}
    QString check(const QJsonValue& v) const { return check(v, root_, QStringLiteral("$")); }

private:
    QString check(const QJsonValue& v, QJsonObject s, const QString& at) const {
        if (s.contains(QStringLiteral("$ref"))) {
            const QString ref = s.value(QStringLiteral("$ref")).toString();
            s = root_.value(QStringLiteral("$defs")).toObject().value(ref.section(QLatin1Char('/'), -1)).toObject();
        }
        static const QStringList known = {"$schema",  "$id",       "title",         "description",
                                          "type",     "required",  "properties",    "items",
                                          "minItems", "minLength", "maxLength",     "minimum",
                                          "maximum",  "pattern",   "propertyNames", "additionalProperties",
                                          "$defs",    "$ref"};
        for (const QString& k : s.keys())
            if (!known.contains(k)) return at + QStringLiteral(": schema keyword %1 is not checked here").arg(k);
        const QString type = s.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("object") && !v.isObject()) return at + QStringLiteral(": not an object");
        if (type == QLatin1String("array") && !v.isArray()) return at + QStringLiteral(": not an array");
        if (type == QLatin1String("string") && !v.isString()) return at + QStringLiteral(": not a string");
        if (type == QLatin1String("integer") && (!v.isDouble() || v.toDouble() != double(qint64(v.toDouble()))))
            return at + QStringLiteral(": not an integer");
        if (s.contains(QStringLiteral("minimum")) && v.toDouble() < s.value(QStringLiteral("minimum")).toDouble())
            return at + QStringLiteral(": below the minimum");
        if (s.contains(QStringLiteral("maximum")) && v.toDouble() > s.value(QStringLiteral("maximum")).toDouble())
            return at + QStringLiteral(": above the maximum");
        if (v.isString()) {
            const QString str = v.toString();
            if (str.size() < s.value(QStringLiteral("minLength")).toInt(0)) return at + QStringLiteral(": too short");
            if (str.size() > s.value(QStringLiteral("maxLength")).toInt(INT_MAX))
                return at + QStringLiteral(": too long");
            if (s.contains(QStringLiteral("pattern")) &&
                !QRegularExpression(s.value(QStringLiteral("pattern")).toString()).match(str).hasMatch())
                return at + QStringLiteral(": does not match the pattern");
        }
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            if (a.size() < s.value(QStringLiteral("minItems")).toInt(0)) return at + QStringLiteral(": too few items");
            for (int i = 0; i < a.size(); ++i)
                if (s.contains(QStringLiteral("items")))
                    if (QString e = check(a[i], s.value(QStringLiteral("items")).toObject(),
                                          QStringLiteral("%1[%2]").arg(at).arg(i));
                        !e.isEmpty())
                        return e;
        }
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            for (const QJsonValue& r : s.value(QStringLiteral("required")).toArray())
                if (!o.contains(r.toString())) return at + QStringLiteral(": %1 is missing").arg(r.toString());
            const QJsonObject props = s.value(QStringLiteral("properties")).toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                const QString where = at + QLatin1Char('.') + it.key();
                if (s.contains(QStringLiteral("propertyNames")))
                    if (QString e = check(it.key(), s.value(QStringLiteral("propertyNames")).toObject(), where);
                        !e.isEmpty())
                        return e;
                if (props.contains(it.key())) {
                    if (QString e = check(it.value(), props.value(it.key()).toObject(), where); !e.isEmpty()) return e;
                } else if (s.value(QStringLiteral("additionalProperties")).isObject()) {
                    if (QString e =
                            check(it.value(), s.value(QStringLiteral("additionalProperties")).toObject(), where);
                        !e.isEmpty())
                        return e;
                }
            }
        }
        return {};
    }

    QJsonObject root_;
};

QJsonObject readJson(const QString& path) {
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << qPrintable(path);
    return QJsonDocument::fromJson(f.readAll()).object();
}

QByteArray bytes(const QJsonObject& o) {
    return QJsonDocument(o).toJson();
}

QJsonObject minimal() {
    return QJsonDocument::fromJson(R"({"name": "Mini", "version": 1, "dimensions": [
        {"name": "talk", "keyRow": 2, "classes": [
            {"name": "On task", "definition": "About the task.", "examples": ["Let's weigh it."]},
            {"name": "Off task", "i18n": {"fi": {"name": "Muuta"}}}]}]})")
        .object();
}

}  // namespace

TEST(CodebookFormat, ShippedDefaultPassesTheSchemaAndTheLoader) {
    const MiniSchema schema(readJson(QStringLiteral(MOTOR_SOURCE_DIR "/docs/codebook.schema.json")));
    const QJsonObject shipped = readJson(QStringLiteral(MOTOR_SOURCE_DIR "/resources/codebooks/motor.json"));
    EXPECT_EQ(schema.check(shipped), QString());
    auto loaded = Codebook::fromJson(bytes(shipped), QStringLiteral("motor.json"));
    ASSERT_TRUE(loaded.ok()) << qPrintable(loaded.error().message);
    EXPECT_TRUE(loaded->validate(QStringLiteral("motor.json")).ok());
    // What the loader writes back passes the schema too (the editor saves this way).
    EXPECT_EQ(schema.check(loaded->toJson()), QString());
    EXPECT_EQ(schema.check(minimal()), QString());
    auto mini = Codebook::fromJson(bytes(minimal()), QStringLiteral("mini"));
    ASSERT_TRUE(mini.ok()) << qPrintable(mini.error().message);
    EXPECT_EQ(mini->dimensions[0].keyRow, 2);
    EXPECT_EQ(mini->dimensions[0].classes[0].examples, QStringList{QStringLiteral("Let's weigh it.")});
    auto again = Codebook::fromJson(bytes(mini->toJson()), QStringLiteral("again"));
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again.value() == mini.value());
}

TEST(CodebookFormat, SchemaAndLoaderRefuseTheSameBrokenCodebooks) {
    const MiniSchema schema(readJson(QStringLiteral(MOTOR_SOURCE_DIR "/docs/codebook.schema.json")));
    const QList<std::pair<const char*, std::function<void(QJsonObject&)>>> broken = {
        {"no name", [](QJsonObject& o) { o.remove(QStringLiteral("name")); }},
        {"blank name", [](QJsonObject& o) { o[QStringLiteral("name")] = QStringLiteral("  "); }},
        {"no dimensions", [](QJsonObject& o) { o[QStringLiteral("dimensions")] = QJsonArray(); }},
        {"one class",
         [](QJsonObject& o) {
             QJsonArray dims = o[QStringLiteral("dimensions")].toArray();
             QJsonObject d = dims[0].toObject();
             QJsonArray classes = d[QStringLiteral("classes")].toArray();
             classes.removeLast();
             d[QStringLiteral("classes")] = classes;
             dims[0] = d;
             o[QStringLiteral("dimensions")] = dims;
         }},
        {"key row 5",
         [](QJsonObject& o) {
             QJsonArray dims = o[QStringLiteral("dimensions")].toArray();
             QJsonObject d = dims[0].toObject();
             d[QStringLiteral("keyRow")] = 5;
             dims[0] = d;
             o[QStringLiteral("dimensions")] = dims;
         }},
        {"examples not strings",
         [](QJsonObject& o) {
             QJsonArray dims = o[QStringLiteral("dimensions")].toArray();
             QJsonObject d = dims[0].toObject();
             QJsonArray classes = d[QStringLiteral("classes")].toArray();
             QJsonObject c = classes[0].toObject();
             c[QStringLiteral("examples")] = QJsonArray{1, 2};
             classes[0] = c;
             d[QStringLiteral("classes")] = classes;
             dims[0] = d;
             o[QStringLiteral("dimensions")] = dims;
         }},
        {"language code too short",
         [](QJsonObject& o) {
             QJsonArray dims = o[QStringLiteral("dimensions")].toArray();
             QJsonObject d = dims[0].toObject();
             d[QStringLiteral("i18n")] = QJsonObject{{QStringLiteral("f"), QJsonObject{{"name", "x"}}}};
             dims[0] = d;
             o[QStringLiteral("dimensions")] = dims;
         }},
    };
    for (const auto& [what, breakIt] : broken) {
        QJsonObject o = minimal();
        breakIt(o);
        EXPECT_NE(schema.check(o), QString()) << what;
        EXPECT_FALSE(Codebook::fromJson(bytes(o), QStringLiteral("broken")).ok()) << what;
    }
    // Beyond the schema (docs/codebook.md): names unique, one dimension per key row.
    QJsonObject twice = minimal();
    QJsonArray dims = twice[QStringLiteral("dimensions")].toArray();
    dims.append(dims[0]);
    twice[QStringLiteral("dimensions")] = dims;
    auto duplicate = Codebook::fromJson(bytes(twice), QStringLiteral("twice"));
    ASSERT_FALSE(duplicate.ok());
    EXPECT_TRUE(duplicate.error().message.contains(QStringLiteral("duplicate dimension")));
    QJsonObject other = dims[1].toObject();
    other[QStringLiteral("name")] = QStringLiteral("other");
    dims[1] = other;
    twice[QStringLiteral("dimensions")] = dims;
    auto sameRow = Codebook::fromJson(bytes(twice), QStringLiteral("rows"));
    ASSERT_FALSE(sameRow.ok());
    EXPECT_TRUE(sameRow.error().message.contains(QStringLiteral("keyboard row 2")))
        << qPrintable(sameRow.error().message);
}

TEST(CodebookVersions, OrphaningIsRefusedAndRenamesMigrateInOneTransaction) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.motor"));
    auto p = test::makeProject(path, 2);
    const auto clips = p->clips().value();
    const int64_t anna = p->ensureAnnotator(QStringLiteral("Anna"), AnnotatorKind::Human).value();
    ASSERT_TRUE(
        p->setLabel({clips[0].id, anna, QStringLiteral("behavior"), QStringLiteral("Mixed"), {}, {}, std::nan("")})
            .ok());
    ASSERT_TRUE(
        p->setLabel({clips[1].id, anna, QStringLiteral("behavior"), QStringLiteral("Monitoring"), {}, {}, std::nan("")})
            .ok());
    const Codebook original = p->codebook();
    const QByteArray before = test::fileSha256(path);

    // Removing the used class "Mixed" is refused and changes nothing.
    Codebook removed = original;
    removed.dimensions[0].classes.removeLast();
    auto refused = p->changeCodebook(removed, {});
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("behavior/Mixed: 1 labels")))
        << qPrintable(refused.error().message);
    EXPECT_EQ(test::fileSha256(path), before);
    EXPECT_TRUE(p->codebook() == original);
    // A rename naming a class the new version lacks is refused too.
    EXPECT_FALSE(
        p->changeCodebook(removed, {{QStringLiteral("behavior"), QStringLiteral("Mixed"), QStringLiteral("Both")}})
            .ok());
    EXPECT_EQ(test::fileSha256(path), before);

    // Renaming Mixed -> Both and the dimension behavior -> regulation migrates the labels
    // and their history; the version goes up and the old version stays on record.
    Codebook renamed = original;
    renamed.dimensions[0].name = QStringLiteral("regulation");
    renamed.dimensions[0].classes[2].name = QStringLiteral("Both");
    renamed.dimensions[0].classes[2].examples = {QStringLiteral("Let's check and then change it.")};
    const QVector<CodebookRename> renames = {
        {QStringLiteral("behavior"), QStringLiteral("Mixed"), QStringLiteral("Both")},
        {QStringLiteral("behavior"), {}, QStringLiteral("regulation")}};
    auto plan = p->planCodebookChange(renamed, renames);
    ASSERT_TRUE(plan.ok()) << qPrintable(plan.error().message);
    EXPECT_EQ(plan->migratedLabels, 2);
    EXPECT_TRUE(plan->orphaned.isEmpty());
    auto changed = p->changeCodebook(renamed, renames);
    ASSERT_TRUE(changed.ok()) << qPrintable(changed.error().message);
    EXPECT_EQ(p->codebook().version, original.version + 1);
    EXPECT_EQ(p->annotation(clips[0].id, anna, QStringLiteral("regulation")).value()->label, QStringLiteral("Both"));
    EXPECT_EQ(p->annotation(clips[1].id, anna, QStringLiteral("regulation")).value()->label,
              QStringLiteral("Monitoring"));
    EXPECT_EQ(p->codedLabels()->size(), 2);
    for (const AuditEntry& e : p->auditLog().value()) {
        EXPECT_EQ(e.dimension, QStringLiteral("regulation"));
        EXPECT_NE(e.newLabel, QStringLiteral("Mixed"));
    }
    auto versions = p->codebookVersions();
    ASSERT_TRUE(versions.ok());
    ASSERT_EQ(versions->size(), 2);
    EXPECT_TRUE(versions->front() == original);
    // Reopened, the project has the new version.
    p.reset();
    auto reopened = Project::open(path);
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ(reopened.value()->codebook().dimensions[0].name, QStringLiteral("regulation"));
    EXPECT_EQ(reopened.value()->codebook().dimensions[0].classes[2].examples.size(), 1);
}

TEST(ClipRestore, PutsBackAClipUnderItsOldIdAndKey) {
    QTemporaryDir dir;
    auto p = test::makeProject(dir.filePath(QStringLiteral("p.motor")), 2);
    Clip second = p->clips().value()[1];
    second.needsReview = true;
    ASSERT_TRUE(p->deleteClip(second.id).ok());
    ASSERT_TRUE(p->restoreClip(second).ok());
    const Clip back = p->clipById(second.id).value();
    EXPECT_EQ(back.key, second.key);
    EXPECT_EQ(back.startMs, second.startMs);
    EXPECT_EQ(back.endMs, second.endMs);
    EXPECT_TRUE(back.needsReview);
    EXPECT_FALSE(p->restoreClip(second).ok());  // the id is taken now
}
