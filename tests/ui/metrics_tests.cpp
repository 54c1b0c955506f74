// The dashboard shows core/metrics' numbers, and a confusion cell filters the browser
// to exactly the clips it counts.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <cmath>

#include "core/metrics/ProjectMetrics.h"
#include "core/store/Project.h"
#include "support/StudioFixture.h"
#include "ui/browser/ClipBrowser.h"
#include "ui/browser/ClipFilterProxy.h"
#include "ui/main/ProjectSession.h"
#include "ui/metrics/ConfusionHeatmap.h"
#include "ui/metrics/MetricsDashboard.h"

namespace motor::testing {
namespace {

class MetricsTest : public StudioFixture {
protected:
    void waitForMetrics() {
        QElapsedTimer t;
        t.start();
        while (window_->metrics()->isComputing() && t.elapsed() < 20000) QTest::qWait(20);
        ASSERT_FALSE(window_->metrics()->isComputing());
        ASSERT_NE(window_->metrics()->report(), nullptr);
    }

    // The reference numbers, computed here from the file with core alone.
    metrics::Report independentReport(const QString& reference) {
        auto project = Project::open(projectPath_);
        EXPECT_TRUE(project.ok());
        const Codebook& cb = project.value()->codebook();
        auto annotators = project.value()->annotators().value();
        QHash<int64_t, QString> names;
        QStringList experts;
        for (const Annotator& a : annotators) {
            names.insert(a.id, a.name);
            if (a.kind == AnnotatorKind::Human) experts << a.name;
        }
        std::vector<metrics::DimensionTable> tables;
        for (const Dimension& d : cb.dimensions) tables.push_back({d.name, metrics::RatingTable(d.classNames())});
        for (const Annotation& a : project.value()->annotations().value())
            for (auto& t : tables)
                if (t.name == a.dimension)
                    (void)t.table.set(names.value(a.annotatorId), QString::number(a.clipId), a.label);
        metrics::ReportOptions options;
        options.reference = reference;
        options.agreementCoders = experts;
        auto report = metrics::Report::build(tables, options);
        EXPECT_TRUE(report.ok());
        return report.value();
    }
};

TEST_F(MetricsTest, DashboardShowsCoreMetricsNumbers) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 30;
    options.experts = {QStringLiteral("Expert A"), QStringLiteral("Expert B"), QStringLiteral("Expert C")};
    options.secondaryCoverage = 0.7;
    openStudio(options);
    window_->showView(ui::MainWindow::View::Metrics);
    ui::MetricsDashboard* dash = window_->metrics();
    dash->setReference(QStringLiteral("Expert A"));
    dash->recompute();
    waitForMetrics();

    const metrics::Report expected = independentReport(QStringLiteral("Expert A"));
    ASSERT_EQ(expected.summary().size(), dash->report()->summary().size());
    QTableWidget* summary = dash->summaryTable();
    ASSERT_EQ(summary->rowCount(), int(expected.summary().size()));
    // Row order follows the coders' order in the tables; match rows by coder name.
    for (const metrics::SummaryRow& row : expected.summary()) {
        int r = -1;
        for (int i = 0; i < summary->rowCount(); ++i)
            if (summary->item(i, 0)->text() == row.annotator + (row.partial ? QStringLiteral(" *") : QString())) r = i;
        ASSERT_GE(r, 0) << row.annotator.toStdString();
        // The figure, then n: clips rated by both this coder and the reference.
        for (size_t d = 0; d < row.macroF1.size(); ++d)
            EXPECT_EQ(summary->item(r, int(d) + 1)->text().toStdString(),
                      QStringLiteral("%1  (n=%2)")
                          .arg(QString::number(row.macroF1[d] * 100.0, 'f', 2))
                          .arg(row.n[d])
                          .toStdString())
                << row.annotator.toStdString() << " dim " << d;
        EXPECT_EQ(summary->item(r, int(row.macroF1.size()) + 1)->text().toStdString(),
                  QString::number(row.average * 100.0, 'f', 2).toStdString());
    }
    // Agreement of the first dimension, as core computes it.
    const auto& dim = expected.dimensions().front();
    EXPECT_DOUBLE_EQ(dash->report()->dimensions().front().agreement.fleiss.kappa, dim.agreement.fleiss.kappa);
    EXPECT_DOUBLE_EQ(dash->report()->dimensions().front().agreement.alpha.alpha, dim.agreement.alpha.alpha);
    // The paper's shape: behavior, cognition, emotion, average.
    EXPECT_EQ(summary->horizontalHeaderItem(1)->text(), QStringLiteral("behavior"));
    EXPECT_EQ(summary->horizontalHeaderItem(4)->text(), QStringLiteral("average"));
}

TEST_F(MetricsTest, ClickingAConfusionCellFiltersTheBrowser) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 24;
    openStudio(options);
    window_->showView(ui::MainWindow::View::Metrics);
    ui::MetricsDashboard* dash = window_->metrics();
    dash->setReference(QStringLiteral("Expert A"));
    dash->recompute();
    waitForMetrics();
    dash->setDimensionIndex(0);
    dash->setConfusionCoder(QStringLiteral("MOTOR-MAS"));
    QTest::qWait(50);
    ui::ConfusionHeatmap* heat = dash->heatmap();

    // Find a non-empty cell off the diagonal if there is one, else the first non-empty.
    int row = -1, col = -1;
    for (int r = 0; r < 3 && row < 0; ++r)
        for (int c = 0; c < 3; ++c)
            if (heat->count(r, c) > 0 && (r != c || (row < 0 && r == 2 && c == 2))) {
                row = r;
                col = c;
                break;
            }
    ASSERT_GE(row, 0);

    // Expected clips straight from the file.
    auto project = Project::open(projectPath_);
    ASSERT_TRUE(project.ok());
    const QString refClass = project.value()->codebook().dimensions[0].classes[row].name;
    const QString coderClass = project.value()->codebook().dimensions[0].classes[col].name;
    const int64_t refId = project.value()->annotatorByName(QStringLiteral("Expert A")).value()->id;
    const int64_t masId = project.value()->annotatorByName(QStringLiteral("MOTOR-MAS")).value()->id;
    QSet<qint64> expected;
    for (const Clip& c : project.value()->clips().value()) {
        auto ref = project.value()->annotation(c.id, refId, QStringLiteral("behavior")).value();
        auto mas = project.value()->annotation(c.id, masId, QStringLiteral("behavior")).value();
        if (ref && mas && ref->label == refClass && mas->label == coderClass) expected.insert(c.id);
    }
    ASSERT_EQ(qint64(expected.size()), heat->count(row, col));

    ASSERT_TRUE(heat->isVisible());
    QTest::mouseClick(heat, Qt::LeftButton, Qt::NoModifier, heat->cellRect(row, col).center());
    ui::ClipBrowser* browser = window_->browser();
    const QList<qint64> shown = browser->visibleClipIds();
    EXPECT_EQ(QSet<qint64>(shown.begin(), shown.end()), expected);
    EXPECT_TRUE(browser->proxy()->hasClipSet());
    browser->proxy()->clearClipSet();
    EXPECT_EQ(browser->visibleClipCount(), 24);
}

// One metrics service: `motor eval` and the Metrics tab show the same numbers for the
// same project and options, default reference included (issue "One path for each job").
TEST_F(MetricsTest, EvalAndTheDashboardShowTheSameReport) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 24;
    options.secondaryCoverage = 0.6;
    auto path = createFixtureProject(dir_.path(), QStringLiteral("same"), options);
    ASSERT_TRUE(path.ok()) << path.error().message.toStdString();
    projectPath_ = path.value();
    {
        // The default reference is the expert with the most labels: here one added last,
        // so "the first expert" (what the dashboard used to take) would be another.
        auto project = Project::open(projectPath_);
        ASSERT_TRUE(project.ok());
        const int64_t zoe = project.value()->ensureAnnotator(QStringLiteral("Zoe"), AnnotatorKind::Human).value();
        const int64_t first = project.value()->annotatorByName(QStringLiteral("Expert A")).value()->id;
        const auto clips = project.value()->clips().value();
        for (const Clip& c : clips)
            for (const Dimension& d : project.value()->codebook().dimensions)
                ASSERT_TRUE(
                    project.value()->setLabel({c.id, zoe, d.name, d.classes.first().name, {}, {}, std::nan("")}).ok());
        ASSERT_TRUE(project.value()
                        ->setLabel({clips.first().id, first, QStringLiteral("behavior"), {}, {}, {}, std::nan("")})
                        .ok());
    }
    window_ = std::make_unique<ui::MainWindow>();
    window_->resize(1400, 900);
    window_->show();
    ASSERT_TRUE(
        window_->openProject(projectPath_, QStringLiteral("Expert A"), ui::MainWindow::Interaction::Unattended));
    window_->showView(ui::MainWindow::View::Metrics);
    ui::MetricsDashboard* dash = window_->metrics();
    dash->recompute();
    waitForMetrics();
    EXPECT_EQ(dash->reference(), QStringLiteral("Zoe"));
    for (const bool allCoders : {false, true}) {
        if (allCoders) {
            for (QCheckBox* box : dash->findChildren<QCheckBox*>())
                if (box->text() == QStringLiteral("Models in agreement")) box->setChecked(true);
            waitForMetrics();
        }
        QProcess eval;
        QStringList args{QStringLiteral("eval"), projectPath_, QStringLiteral("--format"), QStringLiteral("json")};
        if (allCoders) args << QStringLiteral("--agreement") << QStringLiteral("all");
        eval.start(QStringLiteral(MOTOR_CLI), args);
        ASSERT_TRUE(eval.waitForFinished(30000));
        ASSERT_EQ(eval.exitCode(), 0) << eval.readAllStandardError().toStdString();
        const QJsonObject cli = QJsonDocument::fromJson(eval.readAllStandardOutput()).object();
        const QJsonObject shown = metrics::reportJson(*dash->report());
        EXPECT_EQ(cli.value(QStringLiteral("reference")).toString(), dash->reference());
        EXPECT_EQ(cli, shown) << "allCoders=" << allCoders << "\n"
                              << QJsonDocument(cli).toJson().toStdString() << "\n"
                              << QJsonDocument(shown).toJson().toStdString();
    }
}

}  // namespace
}  // namespace motor::testing
