#include "ui/review/ReviewPane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/main/CodebookText.h"
#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {
namespace {

// One line each: the backend and model, the mode, where it ran (and why not on the GPU).
QString runSummary(const QJsonObject& p) {
    QStringList lines;
    const QJsonValue model = p.value(QStringLiteral("model"));
    const QString name = model.isObject() ? model.toObject().value(QStringLiteral("name")).toString() : QString();
    lines << ReviewPane::tr("Backend: %1").arg(p.value(QStringLiteral("backend")).toString()) +
                 (name.isEmpty() ? QString() : QStringLiteral(" · ") + name);
    if (p.contains(QStringLiteral("mode")))
        lines << ReviewPane::tr("Mode: %1").arg(p.value(QStringLiteral("mode")).toString());
    const QJsonObject params = p.value(QStringLiteral("parameters")).toObject();
    QString device = params.value(QStringLiteral("device_name")).toString();
    if (device.isEmpty()) device = params.value(QStringLiteral("device")).toString();
    if (!device.isEmpty()) lines << ReviewPane::tr("Ran on: %1").arg(device);
    const QString fallback = params.value(QStringLiteral("device_fallback")).toString();
    if (!fallback.isEmpty()) lines << ReviewPane::tr("Not on the GPU: %1").arg(fallback);
    return lines.join(QLatin1Char('\n'));
}
const QColor kDissent(0xfb, 0xd5, 0xd1);
const QColor kAgree(0xdc, 0xf1, 0xe1);
const QColor kTie(0xfd, 0xec, 0xc8);  // among the most chosen labels, with no majority

QString kindName(AnnotatorKind k) {
    switch (k) {
        case AnnotatorKind::Human:
            return ReviewPane::tr("expert");
        case AnnotatorKind::Model:
            return ReviewPane::tr("model");
        case AnnotatorKind::Baseline:
            return ReviewPane::tr("baseline");
    }
    return {};
}
}  // namespace

ReviewPane::ReviewPane(ProjectSession* session, QWidget* parent)
    : QWidget(parent), session_(session), queueTimer_(new QTimer(this)) {
    setObjectName(QStringLiteral("ReviewPane"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    layout->addWidget(splitter);

    auto* top = new QWidget(splitter);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    header_ = new QLabel(top);
    header_->setTextFormat(Qt::RichText);
    topLayout->addWidget(header_);
    coders_ = new QTableWidget(top);
    coders_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    coders_->setSelectionMode(QAbstractItemView::SingleSelection);
    coders_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    coders_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    coders_->setShowGrid(true);
    topLayout->addWidget(coders_, 2);
    legend_ = new QLabel(top);
    legend_->setTextFormat(Qt::RichText);
    legend_->setObjectName(QStringLiteral("MutedLabel"));
    legend_->setWordWrap(true);
    topLayout->addWidget(legend_);
    details_ = new QTextBrowser(top);
    details_->setPlaceholderText(tr("Select a cell to read the coder's rationale and note."));
    details_->setMaximumHeight(120);
    topLayout->addWidget(details_, 1);

    auto* bottom = new QWidget(splitter);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 6, 0, 0);
    auto* queueBar = new QHBoxLayout;
    auto* queueTitle = new QLabel(tr("<b>Disagreement queue</b> — most contested first (M jumps to the next)"), bottom);
    queueTitle->setWordWrap(true);
    modelOnly_ = new QCheckBox(tr("Only where a model and an expert differ"), bottom);
    scope_ = new QComboBox(bottom);
    scope_->setObjectName(QStringLiteral("ConflictScope"));
    scope_->addItem(tr("Disagreement among experts"), int(metrics::ConflictScope::Experts));
    scope_->addItem(tr("Disagreement among all coders (models too)"), int(metrics::ConflictScope::AllCoders));
    scope_->setToolTip(
        tr("Whether model runs and baselines count as dissenting coders here, in the queue "
           "and in the browser's Conflict column"));
    // The title over its two choices, and the scope's long entries elided when narrow: the
    // tab must fit a laptop beside the docks in Finnish too.
    scope_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    scope_->setMinimumContentsLength(16);
    auto* choices = new QHBoxLayout;
    choices->addWidget(scope_, 1);
    choices->addWidget(modelOnly_);
    auto* queueHead = new QVBoxLayout;
    queueHead->addWidget(queueTitle);
    queueHead->addLayout(choices);
    queueBar->addLayout(queueHead, 1);
    bottomLayout->addLayout(queueBar);
    queueTable_ = new QTableWidget(0, 5, bottom);
    queueTable_->setHorizontalHeaderLabels(
        {tr("Clip"), tr("Group"), tr("Dissenting votes"), tr("Contested dimensions"), tr("Model ≠ expert")});
    queueTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    queueTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    queueTable_->setSelectionMode(QAbstractItemView::SingleSelection);
    queueTable_->verticalHeader()->hide();
    queueTable_->setAlternatingRowColors(true);
    queueTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    queueTable_->horizontalHeader()->setStretchLastSection(true);
    queueTable_->setWordWrap(false);
    queueTable_->horizontalHeaderItem(2)->setToolTip(
        tr("Over the dimensions: the labels that differ from each dimension's most chosen label"));
    bottomLayout->addWidget(queueTable_, 1);
    queueSummary_ = new QLabel(bottom);
    queueSummary_->setObjectName(QStringLiteral("MutedLabel"));
    bottomLayout->addWidget(queueSummary_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    queueTimer_->setSingleShot(true);
    queueTimer_->setInterval(150);  // coalesce bursts of label writes
    connect(queueTimer_, &QTimer::timeout, this, &ReviewPane::rebuildQueue);
    connect(modelOnly_, &QCheckBox::toggled, this, &ReviewPane::rebuildQueue);
    connect(scope_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { session_->setConflictScope(metrics::ConflictScope(scope_->currentData().toInt())); });
    connect(session_, &ProjectSession::conflictScopeChanged, this, [this] {
        scope_->setCurrentIndex(scope_->findData(int(session_->conflictScope())));
        refreshClip();
        rebuildQueue();
    });
    connect(queueTable_, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (row >= 0 && row < queue_.size()) emit clipRequested(queue_[row]);
    });
    // One click opens a queued clip, as in every other table (the queue is rebuilt under
    // the selection, so only a person's click or Enter moves the clip, not a rebuild).
    connect(queueTable_, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (row >= 0 && row < queue_.size()) emit clipRequested(queue_[row]);
    });
    connect(coders_, &QTableWidget::currentCellChanged, this,
            [this](int row, int column) { showDetails(row, column); });
    connect(session_, &ProjectSession::currentClipChanged, this, &ReviewPane::refreshClip);
    connect(session_, &ProjectSession::currentClipChanged, this, &ReviewPane::showCurrentInQueue);
    connect(session_, &ProjectSession::projectOpened, this, &ReviewPane::rebuildQueue);
    connect(session_, &ProjectSession::projectClosed, this, &ReviewPane::rebuildQueue);
    connect(session_, &ProjectSession::labelsReloaded, this, &ReviewPane::rebuildQueue);
    connect(session_, &ProjectSession::labelsChanged, this, [this](const QVector<qint64>& clipIds) {
        if (clipIds.contains(session_->currentClipId())) refreshClip();
        queueTimer_->start();
    });
    refreshClip();
}

void ReviewPane::setModelVsExpertOnly(bool on) {
    modelOnly_->setChecked(on);
}

void ReviewPane::refreshClip() {
    const int64_t clipId = session_->currentClipId();
    const Clip* clip = session_->clip(clipId);
    coders_->clear();
    rowCoder_.clear();
    details_->clear();
    if (!clip) {
        header_->setText(tr("Select a clip to review it."));
        coders_->setRowCount(0);
        coders_->setColumnCount(0);
        return;
    }
    const Codebook& cb = session_->codebook();
    const ClipLabels& labels = session_->labelsOfClip(clipId);
    // Experts first, then model runs and baselines, each in project order.
    QVector<Annotator> coders;
    for (AnnotatorKind kind : {AnnotatorKind::Human, AnnotatorKind::Model, AnnotatorKind::Baseline})
        for (const Annotator& a : session_->annotatorsOfKind(kind))
            if (labels.contains(a.id) || a.id == session_->currentExpertId()) coders.push_back(a);

    coders_->setColumnCount(int(cb.dimensions.size()));
    QStringList dimHeaders;
    for (const Dimension& d : cb.dimensions) dimHeaders << dimensionTitle(d);
    coders_->setHorizontalHeaderLabels(dimHeaders);
    coders_->setRowCount(int(coders.size()));
    QStringList rowHeaders;
    for (const Annotator& a : coders) {
        rowHeaders << QStringLiteral("%1 (%2)").arg(a.name, kindName(a.kind));
        rowCoder_.push_back(a.id);
    }
    coders_->setVerticalHeaderLabels(rowHeaders);
    // A model run's row says what made it: backend, model, mode and where it ran.
    for (int r = 0; r < int(coders.size()); ++r)
        if (QTableWidgetItem* h = coders_->verticalHeaderItem(r); h && coders[r].kind != AnnotatorKind::Human)
            h->setToolTip(runSummary(coders[r].provenance));

    // The majority is taken among the coders in scope (experts by default); coders out
    // of scope are coloured against it but do not move it.
    const bool allCoders = session_->conflictScope() == metrics::ConflictScope::AllCoders;
    auto inScope = [&](const Annotator& a) { return allCoders || a.kind == AnnotatorKind::Human; };
    legend_->setText(
        tr("<span style=\"background:%1\">&nbsp;&nbsp;&nbsp;&nbsp;</span> agrees with the majority of %3 "
           "&nbsp; <span style=\"background:%2\">&nbsp;&nbsp;&nbsp;&nbsp;</span> differs from it "
           "&nbsp; <span style=\"background:%4\">&nbsp;&nbsp;&nbsp;&nbsp;</span> a tie, no majority "
           "&nbsp; (n.nn) confidence &nbsp; ✎ rationale or note")
            .arg(kAgree.name(), kDissent.name(), allCoders ? tr("all coders") : tr("the experts"), kTie.name()));
    for (int d = 0; d < cb.dimensions.size(); ++d) {
        const QString dim = cb.dimensions[d].name;
        QHash<QString, int> votes;
        for (const Annotator& a : coders) {
            const QString l = labels.value(a.id).value(dim).label;
            if (!l.isEmpty() && inScope(a)) ++votes[l];
        }
        int majority = 0;
        QStringList majorityLabels;
        for (auto it = votes.cbegin(); it != votes.cend(); ++it) {
            if (it.value() > majority) majorityLabels.clear();
            if (it.value() >= majority) majorityLabels << it.key();
            majority = std::max(majority, it.value());
        }
        for (int r = 0; r < coders.size(); ++r) {
            const Annotation ann = labels.value(coders[r].id).value(dim);
            QString text = ann.label.isEmpty() ? QStringLiteral("–") : classTitle(cb.dimensions[d], ann.label);
            if (!std::isnan(ann.confidence))
                text += QStringLiteral("  (%1)").arg(QLocale().toString(ann.confidence, 'f', 2));
            if (!ann.rationale.isEmpty() || !ann.note.isEmpty()) text += QStringLiteral("  ✎");
            auto* item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignCenter);
            if (ann.label.isEmpty()) {
            } else if (!inScope(coders[r])) {
                if (majorityLabels.size() == 1)
                    item->setBackground(ann.label == majorityLabels.front() ? kAgree : kDissent);
            } else if (votes.size() > 1) {
                // Among the most chosen labels: the majority when it is one label, else a tie
                // (two experts who disagree: neither is the majority).
                const bool top = votes.value(ann.label) == majority;
                item->setBackground(!top ? kDissent : majorityLabels.size() == 1 ? kAgree : kTie);
            } else if (majority > 1) {
                item->setBackground(kAgree);
            }
            QStringList tip;
            if (!ann.rationale.isEmpty()) tip << tr("Rationale: %1").arg(ann.rationale);
            if (!ann.note.isEmpty()) tip << tr("Note: %1").arg(ann.note);
            item->setToolTip(tip.join(QLatin1Char('\n')));
            coders_->setItem(r, d, item);
        }
    }
    const metrics::ClipConflict c = session_->conflict(clipId);
    header_->setText(
        c.any()
            ? (allCoders ? tr("Clip <b>%1</b> — coders disagree on %n dimension(s)", nullptr, c.conflictingDimensions)
                         : tr("Clip <b>%1</b> — experts disagree on %n dimension(s)", nullptr, c.conflictingDimensions))
                  .arg(clip->key.toHtmlEscaped())
            : tr("Clip <b>%1</b> — no disagreement").arg(clip->key.toHtmlEscaped()));
}

void ReviewPane::showDetails(int row, int column) {
    details_->clear();
    if (row < 0 || row >= rowCoder_.size() || column < 0 || column >= session_->codebook().dimensions.size()) return;
    const QString dim = session_->codebook().dimensions[column].name;
    const Annotation ann = session_->labelsOfClip(session_->currentClipId()).value(rowCoder_[row]).value(dim);
    const Annotator* who = session_->annotator(rowCoder_[row]);
    QString html =
        QStringLiteral("<b>%1</b> · %2: <b>%3</b>")
            .arg(who ? who->name.toHtmlEscaped() : QString(), dimensionTitle(session_->codebook(), dim).toHtmlEscaped(),
                 ann.label.isEmpty() ? tr("no label")
                                     : classTitle(session_->codebook(), dim, ann.label).toHtmlEscaped());
    if (!std::isnan(ann.confidence)) html += tr(" · confidence %1").arg(QLocale().toString(ann.confidence, 'f', 2));
    if (!ann.rationale.isEmpty()) html += QStringLiteral("<p>%1</p>").arg(ann.rationale.toHtmlEscaped());
    if (!ann.note.isEmpty()) html += QStringLiteral("<p><i>%1</i></p>").arg(ann.note.toHtmlEscaped());
    details_->setHtml(html);
}

void ReviewPane::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (queueStale_) rebuildQueue();
}

void ReviewPane::rebuildQueue() {
    // Out of sight the queue is rebuilt when shown (or when M asks for it).
    if (!isVisible()) {
        queueStale_ = true;
        return;
    }
    rebuildQueueNow();
}

void ReviewPane::rebuildQueueNow() {
    queueStale_ = false;
    struct Entry {
        qint64 clipId;
        metrics::ClipConflict conflict;
    };
    QVector<Entry> entries;
    for (const Clip& c : session_->clips()) {
        const metrics::ClipConflict conflict = session_->conflict(c.id);
        if (!conflict.any()) continue;
        if (modelOnly_->isChecked() && !conflict.modelDiffersFromExpert) continue;
        entries.push_back({c.id, conflict});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        if (a.conflict.dissentingCoders != b.conflict.dissentingCoders)
            return a.conflict.dissentingCoders > b.conflict.dissentingCoders;
        return a.conflict.conflictingDimensions > b.conflict.conflictingDimensions;
    });
    previousQueue_ = queue_;
    queue_.clear();
    queueTable_->setRowCount(int(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        const Clip* clip = session_->clip(entries[i].clipId);
        queue_.push_back(entries[i].clipId);
        const metrics::ClipConflict& c = entries[i].conflict;
        const QStringList cells = {clip->key, clip->group, QString::number(c.dissentingCoders),
                                   QString::number(c.conflictingDimensions),
                                   c.modelDiffersFromExpert ? tr("yes") : QString()};
        for (int col = 0; col < cells.size(); ++col) {
            auto* item = new QTableWidgetItem(cells[col]);
            if (col >= 2) item->setTextAlignment(Qt::AlignCenter);
            queueTable_->setItem(i, col, item);
        }
    }
    queueSummary_->setText(tr("%n contested clip(s)", nullptr, int(entries.size())));
    showCurrentInQueue();
}

void ReviewPane::showCurrentInQueue() {
    // The row of the clip shown, or none: never another clip's row.
    const int row = int(queue_.indexOf(session_->currentClipId()));
    const QSignalBlocker block(queueTable_);
    if (row >= 0)
        queueTable_->selectRow(row);
    else
        queueTable_->clearSelection();
}

void ReviewPane::nextInQueue() {
    if (queueTimer_->isActive() || queueStale_) {
        queueTimer_->stop();
        rebuildQueueNow();
    }
    if (queue_.isEmpty()) return;
    const qint64 current = session_->currentClipId();
    int next = 0;
    if (const int at = int(queue_.indexOf(current)); at >= 0) {
        next = (at + 1) % int(queue_.size());
    } else if (const qsizetype was = previousQueue_.indexOf(current); was >= 0) {
        // The clip just settled left the queue: go on from where it stood, not from the top.
        for (qsizetype i = was + 1; i < previousQueue_.size(); ++i)
            if (const qsizetype found = queue_.indexOf(previousQueue_[i]); found >= 0) {
                next = int(found);
                break;
            }
    }
    queueTable_->selectRow(next);
    emit clipRequested(queue_[next]);
}

}  // namespace ui
}  // namespace motor
