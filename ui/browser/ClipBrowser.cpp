#include "ui/browser/ClipBrowser.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QSet>
#include <QShortcut>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

#include "ui/browser/ClipFilterProxy.h"
#include "ui/browser/ClipTableModel.h"
#include "ui/browser/ThumbnailLoader.h"
#include "ui/main/CodebookText.h"
#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

ClipBrowser::ClipBrowser(ProjectSession* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      model_(new ClipTableModel(session, this)),
      proxy_(new ClipFilterProxy(session, this)),
      thumbnails_(new ThumbnailLoader(this)) {
    setObjectName(QStringLiteral("ClipBrowser"));
    proxy_->setSourceModel(model_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);

    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("Search clips, groups, sessions (Ctrl+F)"));
    search_->setClearButtonEnabled(true);
    layout->addWidget(search_);

    auto* filters = new QHBoxLayout;
    filters->setSpacing(6);
    state_ = new QComboBox(this);
    state_->addItem(tr("All clips"), int(ClipFilterProxy::StateFilter::All));
    state_->addItem(tr("Unlabelled by me"), int(ClipFilterProxy::StateFilter::UnlabeledByMe));
    state_->addItem(tr("Labelled by me"), int(ClipFilterProxy::StateFilter::LabeledByMe));
    state_->addItem(tr("Disagreements"), int(ClipFilterProxy::StateFilter::Disagreements));
    state_->addItem(tr("Model vs expert differ"), int(ClipFilterProxy::StateFilter::ModelVsExpert));
    state_->setToolTip(tr("Show clips by labelling state"));
    group_ = new QComboBox(this);
    group_->setToolTip(tr("Show one group"));
    class_ = new QComboBox(this);
    class_->setToolTip(tr("Show clips that some coder put in this class"));
    // Long entries ("behavior: Controlling", Finnish ones longer still) are elided rather
    // than widening the dock past a laptop's screen.
    for (QComboBox* c : {state_, group_, class_}) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(6);
    }
    filters->addWidget(state_, 3);
    filters->addWidget(group_, 3);  // "Kaikki ryhmät" whole at 1366 px
    filters->addWidget(class_, 3);
    layout->addLayout(filters);

    chip_ = new QWidget(this);
    chip_->setObjectName(QStringLiteral("FilterChip"));
    auto* chipLayout = new QHBoxLayout(chip_);
    chipLayout->setContentsMargins(8, 2, 2, 2);
    chipText_ = new QLabel(chip_);
    auto* chipClear = new QToolButton(chip_);
    chipClear->setText(tr("Clear"));
    chipClear->setToolTip(tr("Show all clips again"));
    chipLayout->addWidget(chipText_, 1);
    chipLayout->addWidget(chipClear);
    chip_->hide();
    layout->addWidget(chip_);
    connect(chipClear, &QToolButton::clicked, proxy_, &ClipFilterProxy::clearClipSet);

    view_ = new QTableView(this);
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(ClipTableModel::KeyColumn, Qt::AscendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setAlternatingRowColors(true);
    view_->setShowGrid(false);
    // Tab leaves the table (to the label notes, the player, the transcript) instead of
    // walking its cells into the next clip.
    view_->setTabKeyNavigation(false);
    view_->setWordWrap(false);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(ThumbnailLoader::kWidth * 9 / 16 + 6);
    view_->setIconSize(QSize(ThumbnailLoader::kWidth, ThumbnailLoader::kWidth * 9 / 16));
    view_->horizontalHeader()->setHighlightSections(false);
    view_->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(view_, 1);

    countLabel_ = new QLabel(this);
    countLabel_->setObjectName(QStringLiteral("MutedLabel"));
    countLabel_->setWordWrap(true);
    layout->addWidget(countLabel_);

    connect(search_, &QLineEdit::textChanged, proxy_,
            [this](const QString& t) { filter([this, t] { proxy_->setSearchText(t); }, false); });
    // Return goes to the first clip found, Esc leaves the search: either way the keyboard
    // goes back to the clip list, so the class keys label rather than type into the search.
    connect(search_, &QLineEdit::returnPressed, this, [this] {
        showAClipShown();
        view_->setFocus(Qt::OtherFocusReason);
    });
    auto* leave = new QShortcut(QKeySequence(Qt::Key_Escape), search_, nullptr, nullptr, Qt::WidgetShortcut);
    connect(leave, &QShortcut::activated, this, [this] { view_->setFocus(Qt::OtherFocusReason); });
    // A filter that hides the clip being labelled moves to the first clip it shows: the
    // label panel never works on a clip the list does not show.
    connect(state_, &QComboBox::currentIndexChanged, this, [this] {
        filter([this] { proxy_->setStateFilter(ClipFilterProxy::StateFilter(state_->currentData().toInt())); });
    });
    connect(group_, &QComboBox::currentIndexChanged, this,
            [this] { filter([this] { proxy_->setGroupFilter(group_->currentData().toString()); }); });
    connect(class_, &QComboBox::currentIndexChanged, this,
            [this] { filter([this] { proxy_->setClassFilter(class_->currentData().toString()); }); });
    connect(proxy_, &ClipFilterProxy::clipSetChanged, this, [this] {
        chip_->setVisible(proxy_->hasClipSet());
        chipText_->setText(proxy_->clipSetDescription());
        filter([] {});
    });
    // "Unlabelled by me" and "Labelled by me" depend on the labels: the clip just left
    // is filtered again (not the one being labelled, which would vanish mid-keystroke).
    connect(session_, &ProjectSession::currentClipChanged, this, [this] {
        const auto state = ClipFilterProxy::StateFilter(state_->currentData().toInt());
        if (state == ClipFilterProxy::StateFilter::UnlabeledByMe || state == ClipFilterProxy::StateFilter::LabeledByMe)
            filter([] {}, false);
    });
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ClipBrowser::onSelectionChanged);
    connect(session_, &ProjectSession::currentClipChanged, this, &ClipBrowser::selectCurrent);
    connect(session_, &ProjectSession::projectOpened, this, &ClipBrowser::rebuildFilterChoices);
    connect(session_, &ProjectSession::codebookChanged, this, &ClipBrowser::rebuildFilterChoices);
    // The current expert's column is bold: widen it once the expert is known.
    connect(session_, &ProjectSession::currentExpertChanged, this, &ClipBrowser::fitColumns);
    connect(session_, &ProjectSession::projectClosed, this, &ClipBrowser::rebuildFilterChoices);
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        view_->setColumnHidden(ClipTableModel::DisagreementColumn, session_->isBlind());
        fitColumns();
        loadThumbnails();
        refilter();
    });
    connect(thumbnails_, &ThumbnailLoader::thumbnailReady, this, [this](qint64 clipId, const QImage& image) {
        model_->setThumbnail(clipId, QIcon(QPixmap::fromImage(image)));
    });
    connect(session_, &ProjectSession::projectClosed, thumbnails_, &ThumbnailLoader::cancel);
    rebuildFilterChoices();
}

void ClipBrowser::fitColumns() {
    // Sizing measures the rows on screen, so wait until the dock holding us is laid out.
    QTimer::singleShot(0, this, [this] {
        view_->resizeColumnsToContents();
        view_->setColumnWidth(ClipTableModel::ThumbnailColumn, ThumbnailLoader::kWidth + 8);
        // The header's sort arrow and padding make short columns needlessly wide; size
        // them to their text so the experts' columns fit in the dock.
        const QFontMetrics fm = view_->fontMetrics();
        int group = fm.horizontalAdvance(
            model_->headerData(ClipTableModel::GroupColumn, Qt::Horizontal, Qt::DisplayRole).toString());
        for (const Clip& c : session_->clips()) group = std::max(group, fm.horizontalAdvance(c.group));
        view_->setColumnWidth(ClipTableModel::GroupColumn, group + 28);
        view_->setColumnWidth(ClipTableModel::DurationColumn, fm.horizontalAdvance(QStringLiteral("000.0 s")) + 20);
        view_->setColumnWidth(ClipTableModel::DisagreementColumn, fm.horizontalAdvance(tr("Conflict")) + 28);
    });
}

void ClipBrowser::loadThumbnails() {
    QVector<ThumbnailLoader::Job> jobs;
    if (!session_->isOpen()) return;
    for (const Clip& c : session_->clips()) {
        const QString path = session_->mediaPath(c.mediaId);
        if (!path.isEmpty() && !model_->hasThumbnail(c.id))
            jobs.push_back({c.id, path, c.startMs + c.durationMs() / 2});
    }
    thumbnails_->start(std::move(jobs));
}

void ClipBrowser::rebuildFilterChoices() {
    const QSignalBlocker b1(group_);
    const QSignalBlocker b2(class_);
    group_->clear();
    group_->addItem(tr("All groups"), QString());
    QStringList groups;
    for (const Clip& c : session_->clips())
        if (!c.group.isEmpty() && !groups.contains(c.group)) groups << c.group;
    groups.sort();
    for (const QString& g : groups) group_->addItem(g, g);
    class_->clear();
    class_->addItem(tr("Any class"), QString());
    for (const Dimension& d : session_->codebook().dimensions)
        for (const CodebookClass& c : d.classes)
            class_->addItem(QStringLiteral("%1: %2").arg(dimensionTitle(d), classTitle(d, c.name)),
                            d.name + QLatin1Char('=') + c.name);
    proxy_->setGroupFilter(QString());
    proxy_->setClassFilter(QString());
    proxy_->clearClipSet();
    refilter();
}

void ClipBrowser::refilter() {
    proxy_->invalidate();
    // An empty project says how clips come in.
    countLabel_->setText(model_->rowCount() == 0 && session_->isOpen()
                             ? tr("No clips yet: File ▸ Import media… adds recordings (a clip each), and the "
                                  "Segment tab cuts them into clips.")
                             : tr("%1 of %n clip(s) shown", nullptr, model_->rowCount()).arg(proxy_->rowCount()));
    selectCurrent();
}

void ClipBrowser::selectCurrent() {
    const int sourceRow = model_->rowOfClip(session_->currentClipId());
    if (sourceRow < 0) return;
    const QModelIndex proxyIndex = proxy_->mapFromSource(model_->index(sourceRow, 0));
    if (!proxyIndex.isValid()) return;
    if (view_->currentIndex().row() != proxyIndex.row()) {
        view_->setCurrentIndex(proxyIndex);
    }
    view_->scrollTo(proxyIndex);
}

void ClipBrowser::filter(const std::function<void()>& change, bool showShown) {
    // While rows come and go the view moves its current row by itself; that must not
    // change the clip being labelled.
    filtering_ = true;
    change();
    refilter();
    if (!showShown && !visibleClipIds().contains(session_->currentClipId())) {
        // The clip being labelled is hidden (a search typed): no other row may look like
        // it is the one the keys label, nor be where K / J start from.
        view_->selectionModel()->clear();
    }
    filtering_ = false;
    if (showShown) showAClipShown();
    selectCurrent();
}

void ClipBrowser::showAClipShown() {
    if (proxy_->rowCount() == 0) return;
    const QList<qint64> shown = visibleClipIds();
    if (!shown.contains(session_->currentClipId())) session_->setCurrentClip(shown.first());
}

void ClipBrowser::onSelectionChanged() {
    if (filtering_) return;
    const QModelIndex current = view_->currentIndex();
    if (!current.isValid()) return;
    session_->setCurrentClip(current.data(ClipTableModel::ClipIdRole).toLongLong());
}

void ClipBrowser::step(int delta) {
    const int rows = proxy_->rowCount();
    if (rows == 0) return;
    const int row = view_->currentIndex().isValid() ? view_->currentIndex().row() + delta : 0;
    if (row < 0 || row >= rows) return;
    view_->setCurrentIndex(proxy_->index(row, 0));
}

int ClipBrowser::visibleClipCount() const {
    return proxy_->rowCount();
}

QList<qint64> ClipBrowser::visibleClipIds() const {
    QList<qint64> out;
    for (int r = 0; r < proxy_->rowCount(); ++r)
        out << proxy_->index(r, 0).data(ClipTableModel::ClipIdRole).toLongLong();
    return out;
}

}  // namespace ui
}  // namespace motor
