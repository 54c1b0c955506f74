#include "ui/metrics/MetricsDashboard.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent>
#include <algorithm>
#include <cmath>

#include "ui/main/CodebookText.h"
#include "ui/main/FileDialogs.h"
#include "ui/main/ProjectSession.h"
#include "ui/metrics/ConfusionHeatmap.h"

namespace motor {
namespace ui {
namespace {
constexpr int kResamples = 1000;

// Shown in the UI language's number format (64,29 in Finnish); CSV copies stay in C.
QString percent(double v) {
    return std::isnan(v) ? QStringLiteral("–") : QLocale().toString(v * 100.0, 'f', 2);
}
QString ratio(double v) {
    return std::isnan(v) ? QStringLiteral("–") : QLocale().toString(v, 'f', 3);
}
QString interval(const metrics::Interval& i, bool asPercent) {
    if (!i.defined()) return {};
    return asPercent ? QStringLiteral(" [%1, %2]").arg(percent(i.lower), percent(i.upper))
                     : QStringLiteral(" [%1, %2]").arg(ratio(i.lower), ratio(i.upper));
}
QTableWidgetItem* cell(const QString& text, Qt::Alignment align = Qt::AlignRight | Qt::AlignVCenter) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(align);
    return item;
}
QTableWidget* compactTable(QWidget* parent) {
    auto* t = new QTableWidget(parent);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->setAlternatingRowColors(true);
    t->setShowGrid(false);
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    return t;
}
QChartView* chartView(QWidget* parent) {
    auto* chart = new QChart;
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignTop);  // in sight without scrolling
    auto* view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(250);
    return view;
}
// Coders' colours, and the dimensions' (another set: the two charts side by side colour
// different things).
const QList<QColor> kSeriesColors = {QColor(0x2f, 0x6f, 0xb5), QColor(0xe0, 0x8e, 0x2b), QColor(0x3a, 0x9a, 0x5b),
                                     QColor(0xb5, 0x3f, 0x8c), QColor(0x6b, 0x72, 0x80), QColor(0xc2, 0x41, 0x33)};
const QList<QColor> kDimensionColors = {QColor(0x5b, 0x4e, 0xa8), QColor(0x1f, 0x9e, 0x9a), QColor(0xa8, 0x6b, 0x3c),
                                        QColor(0x8a, 0x8f, 0x98)};
}  // namespace

MetricsDashboard::MetricsDashboard(ProjectSession* session, QWidget* parent)
    : QWidget(parent), session_(session), debounce_(new QTimer(this)) {
    setObjectName(QStringLiteral("MetricsDashboard"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(8, 8, 8, 4);

    auto* bar = new QHBoxLayout;
    reference_ = new QComboBox(this);
    reference_->setMinimumContentsLength(12);
    reference_->setToolTip(tr("The expert every other coder is scored against"));
    dimension_ = new QComboBox(this);
    coder_ = new QComboBox(this);
    coder_->setMinimumContentsLength(12);
    coder_->setToolTip(tr("Coder shown in the confusion matrix"));
    // Runs have long names (baseline:transcript-cues): the combos grow to show them whole.
    coder_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    reference_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bootstrap_ = new QCheckBox(tr("95% intervals"), this);
    bootstrap_->setToolTip(tr("Percentile bootstrap over clips, %1 resamples").arg(kResamples));
    modelsInAgreement_ = new QCheckBox(tr("Models in agreement"), this);
    modelsInAgreement_->setToolTip(tr("Include model runs in Fleiss, Krippendorff and the Cohen matrix"));
    auto addLabeled = [&](const QString& text, QWidget* w) {
        auto* l = new QLabel(text, this);
        l->setBuddy(w);
        bar->addWidget(l);
        bar->addWidget(w);
        bar->addSpacing(6);
    };
    addLabeled(tr("Re&ference:"), reference_);
    addLabeled(tr("&Dimension:"), dimension_);
    addLabeled(tr("C&oder:"), coder_);
    bar->addStretch(1);
    outer->addLayout(bar);
    // Two rows keep the dashboard's minimum width small enough to share the window
    // with the docks.
    bar = new QHBoxLayout;
    bar->addWidget(bootstrap_);
    bar->addWidget(modelsInAgreement_);
    bar->addStretch(1);
    busy_ = new QProgressBar(this);
    busy_->setRange(0, 0);
    busy_->setMaximumWidth(90);
    busy_->hide();
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->hide();
    auto* copy = new QPushButton(tr("Copy as CSV"), this);
    auto* save = new QPushButton(tr("Save charts…"), this);
    bar->addWidget(busy_);
    bar->addWidget(cancel_);
    bar->addWidget(copy);
    bar->addWidget(save);
    outer->addLayout(bar);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("MutedLabel"));
    outer->addWidget(status_);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    auto* grid = new QGridLayout(content);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(8);

    auto* summaryBox = new QGroupBox(tr("Macro-F1 (%) against the reference"), content);
    auto* summaryLayout = new QVBoxLayout(summaryBox);
    summary_ = compactTable(summaryBox);
    summaryLayout->addWidget(summary_);
    summaryBox->setMaximumHeight(200);
    grid->addWidget(summaryBox, 0, 0);

    auto* agreementBox = new QGroupBox(tr("Agreement"), content);
    auto* agreementLayout = new QVBoxLayout(agreementBox);
    agreementText_ = new QLabel(agreementBox);
    agreementText_->setWordWrap(true);
    agreementText_->setTextFormat(Qt::RichText);
    agreementLayout->addWidget(agreementText_);
    cohen_ = compactTable(agreementBox);
    cohen_->verticalHeader()->show();
    cohen_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    cohen_->setToolTip(tr("Pairwise Cohen's kappa on the clips both coders labelled"));
    agreementLayout->addWidget(cohen_);
    agreementBox->setMaximumHeight(200);
    grid->addWidget(agreementBox, 0, 1);

    auto* perClassBox = new QGroupBox(tr("Per class, against the reference"), content);
    auto* perClassLayout = new QVBoxLayout(perClassBox);
    perClass_ = compactTable(perClassBox);
    perClass_->setWordWrap(false);
    perClassLayout->addWidget(perClass_);
    perClassBox->setMaximumHeight(290);
    grid->addWidget(perClassBox, 1, 0);

    auto* heatBox = new QGroupBox(tr("Confusion matrix (click a cell to list its clips)"), content);
    auto* heatLayout = new QVBoxLayout(heatBox);
    heatmap_ = new ConfusionHeatmap(heatBox);
    heatLayout->addWidget(heatmap_);
    heatBox->setMaximumHeight(290);
    grid->addWidget(heatBox, 1, 1);

    chartsHost_ = new QWidget(content);
    auto* chartsLayout = new QHBoxLayout(chartsHost_);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    perClassChart_ = chartView(chartsHost_);
    macroChart_ = chartView(chartsHost_);
    chartsLayout->addWidget(perClassChart_);
    chartsLayout->addWidget(macroChart_);
    grid->addWidget(chartsHost_, 2, 0, 1, 2);
    grid->setRowStretch(0, 2);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(2, 3);
    // The tables (left) need more width than the kappa matrix and the heatmap (right):
    // at 1600x1000 with the clip browser open, every per-class column stays visible.
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    debounce_->setSingleShot(true);
    debounce_->setInterval(400);  // label bursts recompute once
    connect(debounce_, &QTimer::timeout, this, &MetricsDashboard::recompute);
    connect(&watcher_, &QFutureWatcher<MetricsResult>::finished, this, &MetricsDashboard::onFinished);
    connect(reference_, &QComboBox::currentIndexChanged, this, &MetricsDashboard::recompute);
    connect(bootstrap_, &QCheckBox::toggled, this, &MetricsDashboard::recompute);
    connect(modelsInAgreement_, &QCheckBox::toggled, this, &MetricsDashboard::recompute);
    connect(dimension_, &QComboBox::currentIndexChanged, this, &MetricsDashboard::showResult);
    connect(coder_, &QComboBox::currentIndexChanged, this, &MetricsDashboard::fillHeatmap);
    connect(cancel_, &QPushButton::clicked, this, &MetricsDashboard::cancel);
    connect(copy, &QPushButton::clicked, this, &MetricsDashboard::copyCsv);
    connect(save, &QPushButton::clicked, this, &MetricsDashboard::saveChartsPng);
    connect(heatmap_, &ConfusionHeatmap::cellClicked, this, &MetricsDashboard::activateCell);
    connect(session_, &ProjectSession::projectOpened, this, &MetricsDashboard::rebuildChoices);
    connect(session_, &ProjectSession::annotatorsChanged, this, &MetricsDashboard::rebuildChoices);
    connect(session_, &ProjectSession::codebookChanged, this, &MetricsDashboard::rebuildChoices);
    connect(session_, &ProjectSession::labelsReloaded, this, &MetricsDashboard::recompute);
    connect(session_, &ProjectSession::labelsChanged, debounce_, qOverload<>(&QTimer::start));
    connect(session_, &ProjectSession::projectClosed, this, [this] {
        cancel();
        result_ = {};
        rebuildChoices();
    });
}

void MetricsDashboard::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (stale_) recompute();
}

MetricsDashboard::~MetricsDashboard() {
    // The worker only touches its own snapshot; waiting keeps the result's owner alive.
    watcher_.waitForFinished();
}

QString MetricsDashboard::reference() const {
    return reference_->currentData().toString();
}
int MetricsDashboard::dimensionIndex() const {
    return dimension_->currentIndex();
}
QString MetricsDashboard::confusionCoder() const {
    return coder_->currentData().toString();
}

void MetricsDashboard::setReference(const QString& name) {
    const int i = reference_->findData(name);
    if (i >= 0) reference_->setCurrentIndex(i);
}
void MetricsDashboard::setDimensionIndex(int index) {
    dimension_->setCurrentIndex(index);
}
void MetricsDashboard::setConfusionCoder(const QString& name) {
    const int i = coder_->findData(name);
    if (i >= 0) coder_->setCurrentIndex(i);
}

void MetricsDashboard::rebuildChoices() {
    const QString previousRef = reference();
    const int previousDim = std::max(0, dimension_->currentIndex());
    {
        const QSignalBlocker b1(reference_);
        const QSignalBlocker b2(dimension_);
        reference_->clear();
        for (const Annotator& a : session_->annotatorsOfKind(AnnotatorKind::Human)) reference_->addItem(a.name, a.name);
        // The same default as `motor eval`: the expert with the most labels.
        int keep = reference_->findData(previousRef);
        if (keep < 0 && session_->isOpen())
            keep = reference_->findData(metrics::defaultReference(labelSetOf(*session_)));
        reference_->setCurrentIndex(keep >= 0 ? keep : 0);
        dimension_->clear();
        for (const Dimension& d : session_->codebook().dimensions) dimension_->addItem(dimensionTitle(d), d.name);
        dimension_->setCurrentIndex(std::min(previousDim, dimension_->count() - 1));
    }
    recompute();
}

void MetricsDashboard::recompute() {
    debounce_->stop();
    if (!session_->isOpen()) {
        showResult();
        return;
    }
    // Out of sight (another tab, a run writing labels): recompute when shown.
    if (!isVisible()) {
        stale_ = true;
        return;
    }
    stale_ = false;
    const int resamples = bootstrap_->isChecked() ? kResamples : 0;
    computing_ = true;
    busy_->show();
    cancel_->setVisible(resamples > 0);
    status_->setText(resamples > 0 ? tr("Computing bootstrap intervals…") : tr("Computing…"));
    if (watcher_.isRunning()) {
        // One job at a time: the newest request starts, from fresh labels, when this ends.
        rerun_ = true;
        return;
    }
    metrics::LabelSet labels = labelSetOf(*session_);
    metrics::MetricsOptions options;
    options.reference = reference();  // empty: the service's default reference
    options.agreement =
        modelsInAgreement_->isChecked() ? metrics::AgreementCoders::All : metrics::AgreementCoders::Experts;
    options.bootstrapResamples = resamples;
    watcher_.setFuture(
        QtConcurrent::run([labels = std::move(labels), options] { return computeDashboardMetrics(labels, options); }));
}

void MetricsDashboard::cancel() {
    // core's Report cannot be interrupted; a cancelled result is simply never shown.
    rerun_ = false;
    computing_ = false;
    busy_->hide();
    cancel_->hide();
    status_->setText(tr("Cancelled."));
}

void MetricsDashboard::onFinished() {
    if (rerun_) {
        rerun_ = false;
        recompute();
        return;
    }
    if (!computing_) return;  // cancelled
    computing_ = false;
    busy_->hide();
    cancel_->hide();
    result_ = watcher_.result();
    status_->setText(result_.error.isEmpty() ? QString() : tr("Cannot compute metrics: %1").arg(result_.error));
    showResult();
    emit computed();
}

const metrics::DimensionReport* MetricsDashboard::shownDimension() const {
    const metrics::Report* rep = report();
    const int d = dimensionIndex();
    if (!rep || d < 0 || d >= int(rep->dimensions().size())) return nullptr;
    return &rep->dimensions()[size_t(d)];
}

const metrics::ReferenceComparison* MetricsDashboard::shownComparison() const {
    const metrics::DimensionReport* dim = shownDimension();
    if (!dim) return nullptr;
    for (const auto& c : dim->vsReference)
        if (c.annotator == confusionCoder()) return &c;
    return nullptr;
}

void MetricsDashboard::showResult() {
    {
        const QSignalBlocker block(coder_);
        const QString previous = confusionCoder();
        coder_->clear();
        if (const metrics::DimensionReport* dim = shownDimension())
            for (const auto& c : dim->vsReference) coder_->addItem(c.annotator, c.annotator);
        int keep = coder_->findData(previous);
        // Default to the first model run: "where does the model go wrong" is the usual question.
        for (int i = 0; keep < 0 && i < coder_->count(); ++i)
            for (const Annotator& a : session_->annotatorsOfKind(AnnotatorKind::Model))
                if (a.name == coder_->itemData(i).toString()) keep = i;
        coder_->setCurrentIndex(keep >= 0 ? keep : coder_->count() - 1);
    }
    fillSummary();
    fillAgreement();
    fillPerClass();
    fillCharts();
    fillHeatmap();
}

void MetricsDashboard::fillSummary() {
    summary_->clear();
    const metrics::Report* rep = report();
    if (!rep) {
        summary_->setRowCount(0);
        summary_->setColumnCount(0);
        return;
    }
    QStringList headers{tr("Coder")};
    for (const auto& d : rep->dimensions()) headers << dimensionTitle(session_->codebook(), d.name);
    headers << tr("average");
    summary_->setColumnCount(int(headers.size()));
    summary_->setHorizontalHeaderLabels(headers);
    summary_->setRowCount(int(rep->summary().size()));
    for (int r = 0; r < int(rep->summary().size()); ++r) {
        const metrics::SummaryRow& row = rep->summary()[size_t(r)];
        auto* name =
            cell(row.partial ? row.annotator + QStringLiteral(" *") : row.annotator, Qt::AlignLeft | Qt::AlignVCenter);
        if (row.partial)
            name->setToolTip(
                tr("Covers fewer clips than the reference rated: not comparable with a coder who did them all"));
        summary_->setItem(r, 0, name);
        for (int d = 0; d < int(row.macroF1.size()); ++d) {
            QString text = percent(row.macroF1[size_t(d)]);
            for (const auto& c : rep->dimensions()[size_t(d)].vsReference)
                if (c.annotator == row.annotator) text += interval(c.macroF1Interval, true);
            // n beside every figure: 5 of 24 clips is not 24 of 24.
            text += QStringLiteral("  (n=%1)").arg(row.n[size_t(d)]);
            auto* item = cell(text);
            item->setToolTip(
                tr("%n clip(s) rated by both this coder and the reference", nullptr, int(row.n[size_t(d)])));
            summary_->setItem(r, d + 1, item);
        }
        auto* avg = cell(percent(row.average));
        QFont bold = avg->font();
        bold.setBold(true);
        avg->setFont(bold);
        summary_->setItem(r, int(row.macroF1.size()) + 1, avg);
    }
    summary_->resizeColumnsToContents();
}

void MetricsDashboard::fillAgreement() {
    cohen_->clear();
    const metrics::DimensionReport* dim = shownDimension();
    if (!dim) {
        agreementText_->setText(session_->isOpen() ? tr("No labels yet.") : QString());
        cohen_->setRowCount(0);
        cohen_->setColumnCount(0);
        return;
    }
    const metrics::Agreement& a = dim->agreement;
    agreementText_->setText(
        tr("<b>%1</b> among %2 coder(s): Fleiss' κ = <b>%3</b>%4 (n = %5) &nbsp;·&nbsp; Krippendorff's α = "
           "<b>%6</b>%7 (units = %8)")
            .arg(dimensionTitle(session_->codebook(), dim->name).toHtmlEscaped())
            .arg(a.annotators.size())
            .arg(ratio(a.fleiss.kappa), interval(a.fleissInterval, false))
            .arg(a.fleiss.n)
            .arg(ratio(a.alpha.alpha), interval(a.alphaInterval, false))
            .arg(a.alpha.units) +
        // One coder with few clips leaves Fleiss' kappa resting on those few: say so where
        // the figure is read.
        (a.fleiss.n < a.alpha.units
             ? QStringLiteral("<br><span style=\"color:#9a5b00\">%1</span>")
                   .arg(tr("Fleiss' κ counts only the %n clip(s) every coder rated; α counts every clip two "
                           "coders rated.",
                           nullptr, int(a.fleiss.n)))
             : QString()));
    const QStringList& names = a.annotators;
    cohen_->setRowCount(int(names.size()));
    cohen_->setColumnCount(int(names.size()));
    cohen_->setHorizontalHeaderLabels(names);
    cohen_->setVerticalHeaderLabels(names);
    for (int i = 0; i < names.size(); ++i) cohen_->setItem(i, i, cell(QStringLiteral("1"), Qt::AlignCenter));
    for (const metrics::PairKappa& p : a.cohen) {
        const int i = int(names.indexOf(p.a));
        const int j = int(names.indexOf(p.b));
        if (i < 0 || j < 0) continue;
        for (auto [r, c] : {std::pair{i, j}, std::pair{j, i}}) {
            auto* item = cell(ratio(p.kappa) + interval(p.interval, false), Qt::AlignCenter);
            item->setToolTip(tr("%1 vs %2: κ = %3 on %n clip(s)", nullptr, int(p.n)).arg(p.a, p.b, ratio(p.kappa)));
            if (!std::isnan(p.kappa)) {
                QColor shade(0x2f, 0x6f, 0xb5);
                shade.setAlphaF(std::clamp(p.kappa, 0.0, 1.0) * 0.45);
                item->setBackground(shade);
            }
            cohen_->setItem(r, c, item);
        }
    }
}

void MetricsDashboard::fillPerClass() {
    perClass_->clear();
    perClass_->clearSpans();
    const metrics::DimensionReport* dim = shownDimension();
    const QStringList headers{tr("Coder"),     tr("Accuracy"), tr("Macro-F1"), tr("Class"),
                              tr("Precision"), tr("Recall"),   tr("F1"),       tr("Support")};
    perClass_->setColumnCount(int(headers.size()));
    perClass_->setHorizontalHeaderLabels(headers);
    if (!dim) {
        perClass_->setRowCount(0);
        return;
    }
    const int classes = int(dim->classes.size());
    perClass_->setRowCount(int(dim->vsReference.size()) * classes);
    int row = 0;
    for (const metrics::ReferenceComparison& c : dim->vsReference) {
        perClass_->setItem(row, 0, cell(c.annotator, Qt::AlignLeft | Qt::AlignTop));
        perClass_->setItem(row, 1, cell(percent(c.scores.accuracy), Qt::AlignRight | Qt::AlignTop));
        perClass_->setItem(
            row, 2, cell(percent(c.scores.macroF1) + interval(c.macroF1Interval, true), Qt::AlignRight | Qt::AlignTop));
        if (classes > 1)
            for (int col = 0; col < 3; ++col) perClass_->setSpan(row, col, classes, 1);
        for (int k = 0; k < classes; ++k) {
            const metrics::ClassScore& s = c.scores.perClass[size_t(k)];
            perClass_->setItem(
                row + k, 3,
                cell(classTitle(session_->codebook(), dim->name, dim->classes[k]), Qt::AlignLeft | Qt::AlignVCenter));
            perClass_->setItem(row + k, 4, cell(s.inAverage ? percent(s.precision) : QStringLiteral("–")));
            perClass_->setItem(row + k, 5, cell(s.inAverage ? percent(s.recall) : QStringLiteral("–")));
            perClass_->setItem(row + k, 6, cell(s.inAverage ? percent(s.f1) : QStringLiteral("–")));
            perClass_->setItem(row + k, 7, cell(QString::number(s.support)));
        }
        row += classes;
    }
    // The figures keep their width; the coder column takes what is left and elides a
    // long run name (its tooltip has it whole), so no column hides behind a scroll bar.
    QHeaderView* header = perClass_->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(0, QHeaderView::Stretch);
    perClass_->setTextElideMode(Qt::ElideMiddle);
    for (int r = 0; r < perClass_->rowCount(); ++r)
        if (QTableWidgetItem* item = perClass_->item(r, 0)) item->setToolTip(item->text());
}

void MetricsDashboard::fillCharts() {
    QChart* perClass = perClassChart_->chart();
    QChart* macro = macroChart_->chart();
    for (QChart* chart : {perClass, macro}) {
        chart->removeAllSeries();
        for (QAbstractAxis* axis : chart->axes()) {
            chart->removeAxis(axis);
            delete axis;
        }
    }
    const metrics::DimensionReport* dim = shownDimension();
    const metrics::Report* rep = report();
    perClass->setTitle(dim ? tr("F1 per class — %1").arg(dimensionTitle(session_->codebook(), dim->name))
                           : tr("F1 per class"));
    macro->setTitle(tr("Macro-F1 per coder"));
    if (!dim || !rep) return;

    auto* series = new QBarSeries;
    int colour = 0;
    for (const metrics::ReferenceComparison& c : dim->vsReference) {
        auto* set = new QBarSet(c.annotator);
        set->setColor(kSeriesColors[colour++ % kSeriesColors.size()]);
        for (const metrics::ClassScore& s : c.scores.perClass) *set << (s.inAverage ? s.f1 * 100.0 : 0.0);
        series->append(set);
    }
    perClass->addSeries(series);
    auto* classAxis = new QBarCategoryAxis;
    for (const QString& c : dim->classes) classAxis->append(classTitle(session_->codebook(), dim->name, c));
    auto* valueAxis = new QValueAxis;
    valueAxis->setRange(0, 100);
    valueAxis->setLabelFormat(QStringLiteral("%d"));
    valueAxis->setTitleText(tr("F1 (%)"));
    perClass->addAxis(classAxis, Qt::AlignBottom);
    perClass->addAxis(valueAxis, Qt::AlignLeft);
    series->attachAxis(classAxis);
    series->attachAxis(valueAxis);

    auto* macroSeries = new QBarSeries;
    QStringList coders;
    for (const metrics::SummaryRow& row : rep->summary()) coders << row.annotator;
    for (size_t d = 0; d < rep->dimensions().size(); ++d) {
        auto* set = new QBarSet(dimensionTitle(session_->codebook(), rep->dimensions()[d].name));
        set->setColor(kDimensionColors[d % kDimensionColors.size()]);
        for (const metrics::SummaryRow& row : rep->summary())
            *set << (std::isnan(row.macroF1[d]) ? 0.0 : row.macroF1[d] * 100.0);
        macroSeries->append(set);
    }
    macro->addSeries(macroSeries);
    auto* coderAxis = new QBarCategoryAxis;
    coderAxis->append(coders);
    auto* macroValues = new QValueAxis;
    macroValues->setRange(0, 100);
    macroValues->setLabelFormat(QStringLiteral("%d"));
    macroValues->setTitleText(tr("Macro-F1 (%)"));
    macro->addAxis(coderAxis, Qt::AlignBottom);
    macro->addAxis(macroValues, Qt::AlignLeft);
    macroSeries->attachAxis(coderAxis);
    macroSeries->attachAxis(macroValues);
}

void MetricsDashboard::fillHeatmap() {
    const metrics::DimensionReport* dim = shownDimension();
    const metrics::ReferenceComparison* c = shownComparison();
    if (!dim || !c) {
        heatmap_->clear();
        return;
    }
    const int n = c->scores.confusion.classCount();
    std::vector<long long> counts(size_t(n) * n);
    for (int r = 0; r < n; ++r)
        for (int k = 0; k < n; ++k) counts[size_t(r) * n + k] = c->scores.confusion.at(r, k);
    QStringList shown;
    for (const QString& k : dim->classes) shown << classTitle(session_->codebook(), dim->name, k);
    heatmap_->setMatrix(shown, counts, reference(), c->annotator);
}

QSet<qint64> MetricsDashboard::clipsOfCell(int referenceClass, int predictedClass) const {
    QSet<qint64> out;
    const int d = dimensionIndex();
    if (!result_.metrics || d < 0 || d >= int(result_.metrics->tables.size())) return out;
    const metrics::RatingTable& table = result_.metrics->tables[size_t(d)].table;
    QHash<QString, qint64> idOfKey;
    for (const Clip& c : session_->clips()) idOfKey.insert(c.key, c.id);
    const int ref = table.coderIndex(reference());
    const int coder = table.coderIndex(confusionCoder());
    if (ref < 0 || coder < 0) return out;
    for (int item = 0; item < table.itemCount(); ++item)
        if (table.at(ref, item) == referenceClass && table.at(coder, item) == predictedClass)
            out.insert(idOfKey.value(table.itemId(item)));
    return out;
}

void MetricsDashboard::activateCell(int referenceClass, int predictedClass) {
    const metrics::DimensionReport* dim = shownDimension();
    if (!dim) return;
    const QSet<qint64> clips = clipsOfCell(referenceClass, predictedClass);
    emit clipsRequested(
        clips,
        tr("%1: %2 says %3, %4 says %5 — %n clip(s)", nullptr, int(clips.size()))
            .arg(dimensionTitle(session_->codebook(), dim->name), reference(),
                 classTitle(session_->codebook(), dim->name, dim->classes.value(referenceClass)), confusionCoder(),
                 classTitle(session_->codebook(), dim->name, dim->classes.value(predictedClass))));
}

QString MetricsDashboard::summaryCsv() const {
    // `motor eval --format csv`'s table, then the per-class scores: one service renders both.
    const metrics::Report* rep = report();
    if (!rep) return {};
    return metrics::reportCsv(*rep) + QStringLiteral("\r\n") + metrics::perClassCsv(*rep);
}

void MetricsDashboard::copyCsv() {
    QApplication::clipboard()->setText(summaryCsv());
    status_->setText(tr("Copied the summary and per-class scores as CSV."));
}

void MetricsDashboard::saveChartsPng() {
    const QString path = saveFileName(this, tr("Save charts"), QStringLiteral("metrics.png"), tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    if (!chartsHost_->grab().save(path, "PNG"))
        QMessageBox::warning(this, tr("Save charts"), tr("Cannot write %1.").arg(path));
}

}  // namespace ui
}  // namespace motor
