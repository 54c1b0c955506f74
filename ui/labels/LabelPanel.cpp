#include "ui/labels/LabelPanel.h"

#include <QAction>
#include <QButtonGroup>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

#include "ui/labels/KeyScheme.h"
#include "ui/labels/SetLabelCommand.h"
#include "ui/main/CodebookText.h"
#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

LabelPanel::LabelPanel(ProjectSession* session, QWidget* parent) : QWidget(parent), session_(session) {
    setObjectName(QStringLiteral("LabelPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(8);
    header_ = new QLabel(this);
    header_->setObjectName(QStringLiteral("LabelHeader"));
    header_->setWordWrap(true);
    header_->setTextFormat(Qt::RichText);
    layout->addWidget(header_);

    rowsHost_ = new QWidget(this);
    rowsLayout_ = new QVBoxLayout(rowsHost_);
    rowsLayout_->setContentsMargins(0, 0, 0, 0);
    rowsLayout_->setSpacing(10);
    layout->addWidget(rowsHost_);

    nextButton_ = new QPushButton(tr("Next unlabelled clip  (N)"), this);
    nextButton_->setToolTip(tr("Jump to the next clip you have not labelled on every dimension"));
    connect(nextButton_, &QPushButton::clicked, this, &LabelPanel::nextUnlabeledRequested);
    layout->addWidget(nextButton_);
    layout->addStretch(1);

    connect(session_, &ProjectSession::projectOpened, this, &LabelPanel::rebuild);
    connect(session_, &ProjectSession::codebookChanged, this, &LabelPanel::rebuild);
    connect(session_, &ProjectSession::projectClosed, this, &LabelPanel::rebuild);
    connect(session_, &ProjectSession::currentClipChanged, this, &LabelPanel::refresh);
    connect(session_, &ProjectSession::currentExpertChanged, this, &LabelPanel::refresh);
    connect(session_, &ProjectSession::labelsReloaded, this, &LabelPanel::refresh);
    connect(session_, &ProjectSession::labelsChanged, this, [this](const QVector<qint64>& clipIds) {
        if (clipIds.contains(session_->currentClipId())) refresh();
    });
    rebuild();
}

void LabelPanel::rebuild() {
    for (QAction* a : keyActions_) delete a;
    keyActions_.clear();
    for (Row& r : rows_) delete r.group;
    rows_.clear();
    while (QLayoutItem* item = rowsLayout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }

    const Codebook& cb = session_->codebook();
    for (int d = 0; d < cb.dimensions.size(); ++d) {
        const Dimension& dim = cb.dimensions[d];
        Row row;
        row.dimension = dim.name;
        auto* box = new QFrame(rowsHost_);
        box->setObjectName(QStringLiteral("DimensionBox"));
        auto* grid = new QGridLayout(box);
        grid->setContentsMargins(8, 6, 8, 8);
        grid->setHorizontalSpacing(6);
        grid->setVerticalSpacing(6);
        auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(dimensionTitle(dim).toHtmlEscaped()), box);
        title->setToolTip(dim.displayDescription(uiLanguage()));
        grid->addWidget(title, 0, 0, 1, 2);
        const QString keys = KeyScheme::rowKeysText(dim.keyRowIndex(d), int(dim.classes.size()));
        if (!keys.isEmpty()) {
            auto* hint = new QLabel(tr("keys %1").arg(keys), box);
            hint->setObjectName(QStringLiteral("KeyHint"));
            hint->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            grid->addWidget(hint, 0, 2, 1, 2);
        }
        row.group = new QButtonGroup(this);
        row.group->setExclusive(false);
        for (int c = 0; c < dim.classes.size(); ++c) {
            const CodebookClass& cls = dim.classes[c];
            const QKeySequence key = KeyScheme::classKey(dim.keyRowIndex(d), c);
            const QString shown = cls.displayName(uiLanguage());
            const QString caption =
                key.isEmpty() ? shown : QStringLiteral("%1  %2").arg(key.toString(QKeySequence::NativeText), shown);
            auto* button = new QPushButton(caption, box);
            button->setCheckable(true);
            button->setFocusPolicy(Qt::NoFocus);  // keys go to the shortcuts, not the button
            button->setToolTip(QStringLiteral("<b>%1</b><br/>%2")
                                   .arg(shown.toHtmlEscaped(), cls.displayDefinition(uiLanguage()).toHtmlEscaped()));
            // No minimum below the caption's width: a cut class name ("Myönteine") is worse
            // than a wider panel (the window still fits 1,366 px in Finnish).
            row.group->addButton(button, c);
            row.buttons.push_back(button);
            grid->addWidget(button, 1 + c / 2, c % 2 * 2, 1, 2);
            connect(button, &QPushButton::clicked, this, [this, d, c] { toggleClass(d, c); });
            if (!key.isEmpty()) {
                auto* action = new QAction(this);
                action->setShortcut(key);
                action->setShortcutContext(Qt::WindowShortcut);
                connect(action, &QAction::triggered, this, [this, d, c] { toggleClass(d, c); });
                addAction(action);
                keyActions_.push_back(action);
            }
        }
        row.note = new QLineEdit(box);
        row.note->setPlaceholderText(d == 0 ? tr("Note on %1 (F2)").arg(dimensionTitle(dim))
                                            : tr("Note on %1").arg(dimensionTitle(dim)));
        row.note->setClearButtonEnabled(true);
        connect(row.note, &QLineEdit::editingFinished, this, [this, d] {
            if (d < rows_.size()) setNote(d, rows_[d].note->text());
        });
        // Return hands the keyboard back to the class keys: the note is saved on editingFinished.
        connect(row.note, &QLineEdit::returnPressed, row.note, &QLineEdit::clearFocus);
        // Esc too, and drops what was typed: the stored note comes back.
        auto* cancel = new QShortcut(QKeySequence(Qt::Key_Escape), row.note, nullptr, nullptr, Qt::WidgetShortcut);
        connect(cancel, &QShortcut::activated, this, [this, d] {
            if (d >= rows_.size() || d >= session_->codebook().dimensions.size()) return;
            rows_[d].note->setText(session_->note(session_->currentClipId(), session_->currentExpertId(),
                                                  session_->codebook().dimensions[d].name));
            rows_[d].note->clearFocus();
        });
        grid->addWidget(row.note, 2 + (int(dim.classes.size()) - 1) / 2, 0, 1, 4);
        rowsLayout_->addWidget(box);
        rows_.push_back(row);
    }
    refresh();
}

void LabelPanel::refresh() {
    const int64_t clipId = session_->currentClipId();
    const int64_t expert = session_->currentExpertId();
    const Clip* clip = session_->clip(clipId);
    const bool editable = clip && expert != 0;
    if (!session_->isOpen())
        header_->setText(tr("No project open."));
    else if (!clip)
        header_->setText(tr("Select a clip to label it."));
    else
        header_->setText(tr("Clip <b>%1</b> &nbsp;·&nbsp; expert <b>%2</b>")
                             .arg(clip->key.toHtmlEscaped(), session_->currentExpertName().toHtmlEscaped()));
    for (Row& row : rows_) {
        const QString current = editable ? session_->label(clipId, expert, row.dimension) : QString();
        for (QPushButton* b : row.buttons) {
            const int c = row.group->id(b);
            const Dimension* dim = session_->codebook().dimension(row.dimension);
            b->setChecked(dim && c < dim->classes.size() && dim->classes[c].name == current);
            b->setEnabled(editable);
        }
        const QString note = editable ? session_->note(clipId, expert, row.dimension) : QString();
        if (!row.note->hasFocus() || row.note->text() != note) row.note->setText(note);
        row.note->setEnabled(editable && !current.isEmpty());
    }
    for (QAction* a : keyActions_) a->setEnabled(editable && keysActive_);
    nextButton_->setEnabled(session_->isOpen() && expert != 0);
}

void LabelPanel::setKeysActive(bool active) {
    if (active == keysActive_) return;
    keysActive_ = active;
    refresh();
}

void LabelPanel::toggleClass(int dimensionIndex, int classIndex) {
    const Codebook& cb = session_->codebook();
    if (dimensionIndex < 0 || dimensionIndex >= cb.dimensions.size()) return;
    const Dimension& dim = cb.dimensions[dimensionIndex];
    if (classIndex < 0 || classIndex >= dim.classes.size()) return;
    const QString current = session_->label(session_->currentClipId(), session_->currentExpertId(), dim.name);
    const QString wanted = dim.classes[classIndex].name;
    const QString note = session_->note(session_->currentClipId(), session_->currentExpertId(), dim.name);
    pushChange(dimensionIndex, current == wanted ? QString() : wanted, note);
}

void LabelPanel::setNote(int dimensionIndex, const QString& note) {
    const Codebook& cb = session_->codebook();
    if (dimensionIndex < 0 || dimensionIndex >= cb.dimensions.size()) return;
    const QString dim = cb.dimensions[dimensionIndex].name;
    const QString label = session_->label(session_->currentClipId(), session_->currentExpertId(), dim);
    if (label.isEmpty()) return;
    if (note == session_->note(session_->currentClipId(), session_->currentExpertId(), dim)) return;
    pushChange(dimensionIndex, label, note);
}

void LabelPanel::focusNote(int dimensionIndex) {
    if (dimensionIndex < 0 || dimensionIndex >= rows_.size()) return;
    if (rows_[dimensionIndex].note->isEnabled()) {
        rows_[dimensionIndex].note->setFocus(Qt::ShortcutFocusReason);
        rows_[dimensionIndex].note->selectAll();
    }
}

void LabelPanel::pushChange(int dimensionIndex, const QString& label, const QString& note) {
    const int64_t clipId = session_->currentClipId();
    const int64_t expert = session_->currentExpertId();
    if (!session_->clip(clipId) || expert == 0) return;
    const QString dim = session_->codebook().dimensions[dimensionIndex].name;
    SetLabelCommand::State before{session_->label(clipId, expert, dim), session_->note(clipId, expert, dim)};
    SetLabelCommand::State after{label, note};
    if (before.label == after.label && before.note == after.note) return;
    // push() runs redo(), which commits through core; a refused write marks the command
    // obsolete and the stack drops it, while ProjectSession::writeFailed reports why.
    session_->undoStack()->push(new SetLabelCommand(session_, clipId, expert, dim, before, after));
}

}  // namespace ui
}  // namespace motor
