#pragma once
// The metrics dashboard: a reference expert, every other coder scored against it per
// dimension (summary in the paper's form, per-class P/R/F1, charts, confusion heatmap)
// and agreement (pairwise Cohen, Fleiss, Krippendorff, optional bootstrap intervals).
// Numbers come only from core/metrics, computed off the GUI thread (MetricsJob).
#include <QFutureWatcher>
#include <QSet>
#include <QWidget>

#include "ui/metrics/MetricsJob.h"

class QCheckBox;
class QChartView;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace motor {
namespace ui {

class ConfusionHeatmap;
class ProjectSession;

class MetricsDashboard : public QWidget {
    Q_OBJECT
public:
    explicit MetricsDashboard(ProjectSession* session, QWidget* parent = nullptr);
    ~MetricsDashboard() override;

    const metrics::Report* report() const { return result_.metrics ? &result_.metrics->report : nullptr; }
    QString reference() const;
    int dimensionIndex() const;
    QString confusionCoder() const;
    bool isComputing() const { return computing_; }
    QTableWidget* summaryTable() const { return summary_; }
    QTableWidget* perClassTable() const { return perClass_; }
    ConfusionHeatmap* heatmap() const { return heatmap_; }

    void setReference(const QString& name);
    void setDimensionIndex(int index);
    void setConfusionCoder(const QString& name);
    // The clips of one confusion cell of the shown dimension and coder.
    QSet<qint64> clipsOfCell(int referenceClass, int predictedClass) const;
    QString summaryCsv() const;

public slots:
    void recompute();
    void cancel();
    void copyCsv();
    void saveChartsPng();

signals:
    void clipsRequested(const QSet<qint64>& clipIds, const QString& description);
    void computed();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void rebuildChoices();
    void onFinished();
    void showResult();
    void fillSummary();
    void fillAgreement();
    void fillPerClass();
    void fillCharts();
    void fillHeatmap();
    void activateCell(int referenceClass, int predictedClass);
    const metrics::DimensionReport* shownDimension() const;
    const metrics::ReferenceComparison* shownComparison() const;

    ProjectSession* session_;
    QComboBox* reference_;
    QComboBox* dimension_;
    QComboBox* coder_;
    QCheckBox* bootstrap_;
    QCheckBox* modelsInAgreement_;
    QProgressBar* busy_;
    QPushButton* cancel_;
    QLabel* status_;
    QTableWidget* summary_;
    QLabel* agreementText_;
    QTableWidget* cohen_;
    QTableWidget* perClass_;
    QChartView* perClassChart_;
    QChartView* macroChart_;
    ConfusionHeatmap* heatmap_;
    QWidget* chartsHost_;
    QTimer* debounce_;
    QFutureWatcher<MetricsResult> watcher_;
    MetricsResult result_;
    bool computing_ = false;
    bool stale_ = false;  // labels changed while hidden
    bool rerun_ = false;  // a request came in while a job ran
};

}  // namespace ui
}  // namespace motor
