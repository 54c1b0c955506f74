#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <random>
#include <set>

#include "core/metrics/ClassificationScores.h"
#include "core/metrics/CohenKappa.h"
#include "core/metrics/FleissKappa.h"
#include "core/metrics/KrippendorffAlpha.h"
#include "core/metrics/ProjectMetrics.h"
#include "core/metrics/Report.h"

using namespace motor::metrics;

namespace {

std::set<QString> keysOf(const QJsonObject& object) {
    const QStringList keys = object.keys();
    return {keys.begin(), keys.end()};
}

QStringList behavior() {
    return {"Monitoring", "Controlling", "Mixed"};
}
QStringList valence() {
    return {"Positive", "Negative", "Mixed", "Neutral"};
}

// expert (reference), expert2, model; expert2 rates only the first half.
std::vector<DimensionTable> smallProject() {
    std::vector<DimensionTable> dims{{"behavior", RatingTable(behavior())},
                                     {"cognition", RatingTable(valence())},
                                     {"emotion", RatingTable(valence())}};
    std::mt19937 rng(5);
    for (DimensionTable& dim : dims) {
        const int k = dim.table.classCount();
        for (int item = 0; item < 40; ++item) {
            const QString id = QStringLiteral("clip%1").arg(item);
            const int truth = static_cast<int>(rng() % k);
            EXPECT_TRUE(dim.table.set("expert", id, truth).ok());
            if (item < 20) {
                EXPECT_TRUE(dim.table.set("expert2", id, rng() % 4 ? truth : static_cast<int>(rng() % k)).ok());
            }
            EXPECT_TRUE(dim.table.set("model", id, rng() % 2 ? truth : static_cast<int>(rng() % k)).ok());
        }
    }
    return dims;
}

ReportOptions against(const QString& reference) {
    ReportOptions options;
    options.reference = reference;
    return options;
}

}  // namespace

TEST(MetricsReport, JsonHasExactlyTheDocumentedKeys) {
    const std::vector<DimensionTable> dims = smallProject();
    const auto report = Report::build(dims, against("expert"));
    ASSERT_TRUE(report.ok()) << report.error().message.toStdString();
    const QJsonObject json = report->toJson();
    EXPECT_EQ(keysOf(json), (std::set<QString>{"reference", "dimensions", "summary"}));
    EXPECT_EQ(json["reference"].toString(), "expert");
    const QJsonObject dimensions = json["dimensions"].toObject();
    EXPECT_EQ(keysOf(dimensions), (std::set<QString>{"behavior", "cognition", "emotion"}));

    const QJsonObject b = dimensions["behavior"].toObject();
    EXPECT_EQ(keysOf(b), (std::set<QString>{"classes", "reference_n", "agreement", "vs_reference"}));
    EXPECT_EQ(b["classes"].toArray().toVariantList(), QVariant(behavior()).toList());

    const QJsonObject agreement = b["agreement"].toObject();
    EXPECT_EQ(keysOf(agreement), (std::set<QString>{"annotators", "fleiss_kappa", "fleiss_n", "krippendorff_alpha",
                                                    "krippendorff_units", "cohen_kappa"}));
    EXPECT_EQ(agreement["annotators"].toArray().size(), 3);
    const QJsonArray cohen = agreement["cohen_kappa"].toArray();
    ASSERT_EQ(cohen.size(), 3);
    EXPECT_EQ(keysOf(cohen[0].toObject()), (std::set<QString>{"a", "b", "kappa", "n"}));

    const QJsonArray vs = b["vs_reference"].toArray();
    ASSERT_EQ(vs.size(), 2);
    const QJsonObject model = vs[1].toObject();
    EXPECT_EQ(keysOf(model),
              (std::set<QString>{"annotator", "n", "accuracy", "macro_f1", "weighted_f1", "per_class", "confusion"}));
    EXPECT_EQ(model["annotator"].toString(), "model");
    EXPECT_EQ(keysOf(model["per_class"].toObject()), (std::set<QString>{"Monitoring", "Controlling", "Mixed"}));
    EXPECT_EQ(keysOf(model["per_class"].toObject()["Mixed"].toObject()),
              (std::set<QString>{"precision", "recall", "f1", "support"}));
    const QJsonArray confusion = model["confusion"].toArray();
    ASSERT_EQ(confusion.size(), 3);
    EXPECT_EQ(confusion[0].toArray().size(), 3);

    const QJsonArray summary = json["summary"].toArray();
    ASSERT_EQ(summary.size(), 2);
    EXPECT_EQ(keysOf(summary[0].toObject()),
              (std::set<QString>{"annotator", "behavior", "cognition", "emotion", "average", "n", "partial"}));
    // n per dimension is the scored pair count, and a coder with fewer clips than the
    // reference rated is flagged: expert2 rated 20 of the reference's 40 clips, the model 40.
    EXPECT_EQ(b["reference_n"].toInteger(), 40);
    for (const QJsonValue& row : summary) {
        const QString who = row.toObject()["annotator"].toString();
        for (const QJsonValue& c : b["vs_reference"].toArray()) {
            if (c.toObject()["annotator"].toString() == who) {
                EXPECT_EQ(row.toObject()["n"].toObject()["behavior"].toInteger(), c.toObject()["n"].toInteger())
                    << who.toStdString();
            }
        }
        EXPECT_EQ(row.toObject()["partial"].toBool(), who == QLatin1String("expert2")) << who.toStdString();
    }
}

TEST(MetricsReport, ValuesMatchTheStatistics) {
    const std::vector<DimensionTable> dims = smallProject();
    const auto report = Report::build(dims, against("expert"));
    ASSERT_TRUE(report.ok());
    const QJsonObject json = report->toJson();
    double sum = 0;
    for (const DimensionTable& dim : dims) {
        const RatingTable& t = dim.table;
        const std::vector<int> all{0, 1, 2};
        const QJsonObject d = json["dimensions"][dim.name].toObject();
        const QJsonObject agreement = d["agreement"].toObject();
        EXPECT_DOUBLE_EQ(agreement["fleiss_kappa"].toDouble(), FleissKappa::fromTable(t, all).kappa);
        EXPECT_DOUBLE_EQ(agreement["krippendorff_alpha"].toDouble(), KrippendorffAlpha::fromTable(t, all).alpha);
        const QJsonObject pair = agreement["cohen_kappa"][1].toObject();  // expert x model
        EXPECT_EQ(pair["a"].toString(), "expert");
        EXPECT_EQ(pair["b"].toString(), "model");
        EXPECT_DOUBLE_EQ(pair["kappa"].toDouble(), CohenKappa::fromTable(t, 0, 2).kappa);
        EXPECT_EQ(pair["n"].toInt(), 40);
        EXPECT_EQ(agreement["cohen_kappa"][0]["n"].toInt(), 20);  // expert x expert2

        const ClassificationScores s = ClassificationScores::fromTable(t, 0, 2);
        const QJsonObject model = d["vs_reference"][1].toObject();
        EXPECT_EQ(model["n"].toInt(), 40);
        EXPECT_DOUBLE_EQ(model["macro_f1"].toDouble(), s.macroF1);
        EXPECT_DOUBLE_EQ(model["weighted_f1"].toDouble(), s.weightedF1);
        EXPECT_DOUBLE_EQ(model["accuracy"].toDouble(), s.accuracy);
        EXPECT_EQ(model["confusion"][1][2].toInt(), s.confusion.at(1, 2));
        const QString first = t.classes()[0];
        EXPECT_DOUBLE_EQ(model["per_class"][first]["recall"].toDouble(), s.perClass[0].recall);
        EXPECT_EQ(model["per_class"][first]["support"].toInt(), s.perClass[0].support);
        sum += s.macroF1;

        const QJsonObject modelRow = json["summary"][1].toObject();
        EXPECT_EQ(modelRow["annotator"].toString(), "model");
        EXPECT_DOUBLE_EQ(modelRow[dim.name].toDouble(), s.macroF1);
    }
    EXPECT_NEAR(json["summary"][1]["average"].toDouble(), sum / 3, 1e-12);
}

TEST(MetricsReport, UndefinedValuesAreNull) {
    std::vector<DimensionTable> dims{{"behavior", RatingTable(behavior())}, {"emotion", RatingTable(valence())}};
    RatingTable& b = dims[0].table;
    ASSERT_TRUE(b.set("expert", "1", "Monitoring").ok());
    ASSERT_TRUE(b.set("expert", "2", "Controlling").ok());
    ASSERT_TRUE(b.set("late", "3", "Mixed").ok());  // never overlaps the expert
    ASSERT_TRUE(b.set("model", "1", "Monitoring").ok());
    ASSERT_TRUE(b.set("model", "2", "Monitoring").ok());
    RatingTable& e = dims[1].table;
    ASSERT_TRUE(e.set("expert", "1", "Neutral").ok());
    ASSERT_TRUE(e.set("model", "1", "Neutral").ok());

    const auto report = Report::build(dims, against("expert"));
    ASSERT_TRUE(report.ok());
    const QJsonObject json = report->toJson();
    const QJsonObject vsLate = json["dimensions"]["behavior"]["vs_reference"][0].toObject();
    EXPECT_EQ(vsLate["annotator"].toString(), "late");
    EXPECT_EQ(vsLate["n"].toInt(), 0);
    EXPECT_TRUE(vsLate["macro_f1"].isNull());
    EXPECT_TRUE(vsLate["accuracy"].isNull());
    // No item rated by all three coders.
    EXPECT_TRUE(json["dimensions"]["behavior"]["agreement"]["fleiss_kappa"].isNull());
    // Emotion: one value everywhere, alpha undefined; Cohen's kappa 1 by convention.
    EXPECT_TRUE(json["dimensions"]["emotion"]["agreement"]["krippendorff_alpha"].isNull());
    EXPECT_EQ(json["dimensions"]["emotion"]["agreement"]["cohen_kappa"][0]["kappa"].toDouble(), 1.0);
    // The model never said Mixed and the expert never did either: no score, not 0.
    const QJsonObject mixed = json["dimensions"]["behavior"]["vs_reference"][1]["per_class"]["Mixed"].toObject();
    EXPECT_TRUE(mixed["f1"].isNull());
    EXPECT_EQ(mixed["support"].toInt(), 0);
    // Controlling is in the reference, never predicted: precision 0 (zero_division=0).
    EXPECT_EQ(json["dimensions"]["behavior"]["vs_reference"][1]["per_class"]["Controlling"]["precision"].toDouble(-1),
              0.0);
    // "late" coded no emotion at all: its emotion cell and its average are null.
    const QJsonObject lateRow = json["summary"][0].toObject();
    EXPECT_EQ(lateRow["annotator"].toString(), "late");
    EXPECT_TRUE(lateRow["emotion"].isNull());
    EXPECT_TRUE(lateRow["average"].isNull());
    // Serialises: no NaN reaches the document.
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    EXPECT_FALSE(text.contains("nan"));
}

TEST(MetricsReport, WithoutReferenceOnlyAgreement) {
    const std::vector<DimensionTable> dims = smallProject();
    ReportOptions options;
    options.agreementCoders = {"expert", "expert2"};
    const auto report = Report::build(dims, options);
    ASSERT_TRUE(report.ok());
    const QJsonObject json = report->toJson();
    EXPECT_TRUE(json["reference"].isNull());
    EXPECT_TRUE(json["summary"].toArray().isEmpty());
    EXPECT_TRUE(json["dimensions"]["cognition"]["vs_reference"].toArray().isEmpty());
    EXPECT_EQ(json["dimensions"]["cognition"]["agreement"]["annotators"].toArray().size(), 2);
    EXPECT_EQ(json["dimensions"]["cognition"]["agreement"]["cohen_kappa"].toArray().size(), 1);
}

TEST(MetricsReport, BootstrapAddsIntervals) {
    const std::vector<DimensionTable> dims = smallProject();
    ReportOptions options = against("expert");
    options.bootstrap = BootstrapOptions{200, 9, 0.95};
    const auto report = Report::build(dims, options);
    ASSERT_TRUE(report.ok());
    const QJsonObject json = report->toJson();
    EXPECT_EQ(json["bootstrap"]["resamples"].toInt(), 200);
    const QJsonObject agreement = json["dimensions"]["behavior"]["agreement"].toObject();
    ASSERT_EQ(agreement["krippendorff_alpha_ci"].toArray().size(), 2);
    EXPECT_LE(agreement["krippendorff_alpha_ci"][0].toDouble(), agreement["krippendorff_alpha_ci"][1].toDouble());
    EXPECT_EQ(agreement["fleiss_kappa_ci"].toArray().size(), 2);
    EXPECT_EQ(agreement["cohen_kappa"][0]["kappa_ci"].toArray().size(), 2);
    const QJsonObject model = json["dimensions"]["behavior"]["vs_reference"][1].toObject();
    EXPECT_LE(model["macro_f1_ci"][0].toDouble(), model["macro_f1"].toDouble());
    EXPECT_GE(model["macro_f1_ci"][1].toDouble(), model["macro_f1"].toDouble());
}

// Reported: after a new coder labelled one clip, `motor eval` printed Fleiss' kappa -0.500
// on every dimension with nothing saying it rested on that one clip. The text gives each
// coefficient's n and says why Fleiss' n can be small; JSON has the same counts.
TEST(MetricsReport, TextAndJsonSayWhatEachCoefficientRestsOn) {
    const std::vector<DimensionTable> dims = smallProject();  // expert2 rated 20 of the 40 clips
    ReportOptions options = against("expert");
    options.bootstrap = BootstrapOptions{200, 9, 0.95};
    const auto report = Report::build(dims, options);
    ASSERT_TRUE(report.ok());
    const std::vector<int> all{0, 1, 2};
    const FleissKappa fleiss = FleissKappa::fromTable(dims[0].table, all);
    const KrippendorffAlpha alpha = KrippendorffAlpha::fromTable(dims[0].table, all);
    ASSERT_EQ(fleiss.n, 20);
    ASSERT_EQ(alpha.units, 40);
    const QString text = reportText(*report);
    const QRegularExpression line(QStringLiteral(
        R"(behavior\s*: Fleiss kappa ([-0-9.]+) \[[-0-9.]+, [-0-9.]+\] \(n=(\d+)\), Krippendorff alpha ([-0-9.]+) \[[-0-9.]+, [-0-9.]+\] \(units=(\d+)\))"));
    const auto m = line.match(text);
    ASSERT_TRUE(m.hasMatch()) << qPrintable(text);
    EXPECT_NEAR(m.captured(1).toDouble(), fleiss.kappa, 1e-3);
    EXPECT_EQ(m.captured(2).toInt(), 20);
    EXPECT_NEAR(m.captured(3).toDouble(), alpha.alpha, 1e-3);
    EXPECT_EQ(m.captured(4).toInt(), 40);
    EXPECT_TRUE(text.contains(QStringLiteral("counts only the clips every coder rated"))) << qPrintable(text);
    EXPECT_TRUE(text.contains(QStringLiteral("95% percentile bootstrap interval over clips, 200 resamples")))
        << qPrintable(text);
    const QJsonObject json = report->toJson();
    const QJsonObject agreement = json["dimensions"]["behavior"]["agreement"].toObject();
    EXPECT_EQ(agreement["fleiss_n"].toInt(), 20);
    EXPECT_EQ(agreement["krippendorff_units"].toInt(), 40);

    // Every coder on every clip: no note; without bootstrap, no interval legend.
    std::vector<DimensionTable> complete = smallProject();
    for (DimensionTable& dim : complete)
        for (int item = 20; item < 40; ++item)
            ASSERT_TRUE(dim.table.set("expert2", QStringLiteral("clip%1").arg(item), 0).ok());
    const QString full = reportText(*Report::build(complete, against("expert")));
    EXPECT_FALSE(full.contains(QStringLiteral("counts only"))) << qPrintable(full);
    EXPECT_FALSE(full.contains(QStringLiteral("bootstrap"))) << qPrintable(full);
    EXPECT_TRUE(full.contains(QStringLiteral("(n=40)"))) << qPrintable(full);
}

// A project without labels says so instead of printing an empty table "against ".
TEST(MetricsReport, TextOfAProjectWithoutLabelsSaysSo) {
    const std::vector<DimensionTable> none{{"behavior", RatingTable(behavior())}};
    const auto report = Report::build(none);
    ASSERT_TRUE(report.ok()) << report.error().message.toStdString();
    const QString text = reportText(*report);
    EXPECT_TRUE(text.startsWith(QStringLiteral("No labels yet"))) << qPrintable(text);
    EXPECT_FALSE(text.contains(QStringLiteral("against"))) << qPrintable(text);
}

TEST(MetricsReport, RejectsBadInput) {
    std::vector<DimensionTable> dims = smallProject();
    EXPECT_FALSE(Report::build(dims, against("nobody")).ok());
    EXPECT_TRUE(Report::build(dims, against("nobody")).error().message.contains("nobody"));
    dims[1].name = "behavior";
    EXPECT_FALSE(Report::build(dims).ok());
    dims[1].name = "average";
    EXPECT_FALSE(Report::build(dims).ok());
    dims[1].name = "";
    EXPECT_FALSE(Report::build(dims).ok());
    const std::vector<DimensionTable> empty{{"x", RatingTable()}};
    EXPECT_FALSE(Report::build(empty).ok());
}

TEST(MetricsRatingTable, MapViewAndErrors) {
    RatingTable t(valence());
    EXPECT_TRUE(t.set("a", "clip1", "Neutral").ok());
    EXPECT_EQ(t.rating("a", "clip1"), 3);
    EXPECT_FALSE(t.rating("a", "clip2").has_value());
    EXPECT_FALSE(t.rating("nobody", "clip1").has_value());
    const auto bad = t.set("a", "clip2", "Happy");
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.contains("Happy"));
    EXPECT_TRUE(bad.error().message.contains("clip2"));
    EXPECT_FALSE(t.set("a", "clip2", 4).ok());
    EXPECT_FALSE(t.set("a", "clip2", -1).ok());
    EXPECT_EQ(t.ratedCount(0), 1);
    t.unset("a", "clip1");
    EXPECT_FALSE(t.rating("a", "clip1").has_value());
    EXPECT_EQ(t.ratedCount(0), 0);
    // An item added after a coder's last rating reads as not coded.
    t.addItem("clip9");
    EXPECT_EQ(t.at(0, t.itemIndex("clip9")), RatingTable::kMissing);
}

// Tables built from a project list every coder in every dimension; one who rated
// nothing there is neither an annotator nor scored, but still has a (null) summary cell.
TEST(MetricsReport, CodersWithoutRatingsAreLeftOut) {
    std::vector<DimensionTable> dims{{"behavior", RatingTable(behavior())}, {"emotion", RatingTable(valence())}};
    for (DimensionTable& dim : dims) {
        dim.table.addCoder("expert");
        dim.table.addCoder("model");
        dim.table.addCoder("idle");
        ASSERT_TRUE(dim.table.set("expert", "1", 0).ok());
        ASSERT_TRUE(dim.table.set("expert", "2", 1).ok());
        ASSERT_TRUE(dim.table.set("model", "1", 0).ok());
        ASSERT_TRUE(dim.table.set("model", "2", 0).ok());
    }
    ASSERT_TRUE(dims[1].table.set("idle", "1", 2).ok());
    const auto report = Report::build(dims, against("expert"));
    ASSERT_TRUE(report.ok());
    const QJsonObject json = report->toJson();
    EXPECT_EQ(json["dimensions"]["behavior"]["agreement"]["annotators"].toArray().size(), 2);
    EXPECT_EQ(json["dimensions"]["behavior"]["vs_reference"].toArray().size(), 1);
    EXPECT_EQ(json["dimensions"]["emotion"]["vs_reference"].toArray().size(), 2);
    const QJsonArray summary = json["summary"].toArray();
    ASSERT_EQ(summary.size(), 2);
    EXPECT_EQ(summary[1]["annotator"].toString(), "idle");
    EXPECT_TRUE(summary[1]["behavior"].isNull());
    EXPECT_EQ(summary[1]["emotion"].toDouble(), 0.0);
}
