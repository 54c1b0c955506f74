#include "ui/transcript/TranscriptPane.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "core/store/Project.h"
#include "ui/main/ProjectSession.h"
#include "ui/transcript/TranscriptEditCommand.h"
#include "ui/transcript/TranscriptTimes.h"
#include "ui/transcript/UtteranceDelegate.h"

namespace motor {
namespace ui {
namespace {
constexpr int64_t kNudgeMs = 100;
// A new utterance's length when nothing follows closer: about one short turn.
constexpr int64_t kNewUtteranceMs = 2000;

Status statusOf(const Result<int64_t>& r) {
    return r ? Status() : Status(r.error());
}
}  // namespace

TranscriptPane::TranscriptPane(ProjectSession* session, QWidget* parent) : QWidget(parent), session_(session) {
    setObjectName(QStringLiteral("TranscriptPane"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    table_ = new QTableWidget(0, ColumnCount, this);
    table_->setObjectName(QStringLiteral("TranscriptTable"));
    table_->setHorizontalHeaderLabels({tr("Start"), tr("End"), tr("Speaker"), tr("Utterance")});
    table_->verticalHeader()->hide();
    // Editors open only through the keys and double-click below, which commit through core.
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setFocusPolicy(Qt::ClickFocus);
    table_->setTabKeyNavigation(false);
    table_->setWordWrap(true);
    table_->setShowGrid(false);
    for (int c : {StartColumn, EndColumn, SpeakerColumn})
        table_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setToolTip(
        tr("Click a line to play from there. With the transcript focused (click or Ctrl+T):\n"
           "F2, Enter or double-click: edit the text (Enter saves, Esc cancels, Ctrl+P splits at the text cursor)\n"
           "Shift+F2: the speaker of every selected line (Shift or Ctrl + click selects several)\n"
           "I / O: the utterance starts / ends at the playhead\n"
           "Shift / Ctrl + Left / Right: its start / end 100 ms earlier / later\n"
           "P: split it at the playhead · U: merge it with the next · Delete: delete the selected lines\n"
           "Insert or Ctrl+Enter: a new utterance at the playhead, its text open for typing\n"
           "Every edit is saved at once; Ctrl+Z undoes it."));
    delegate_ = new UtteranceDelegate(SpeakerColumn, TextColumn, table_);
    delegate_->setSpeakerSource([this] { return recordingSpeakers(); });
    table_->setItemDelegate(delegate_);
    table_->installEventFilter(this);
    layout->addWidget(table_);
    empty_ = new QLabel(tr("No transcript for this clip. Right-click to add an utterance at the playhead."), this);
    empty_->setObjectName(QStringLiteral("MutedLabel"));
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);
    empty_->hide();
    layout->addWidget(empty_);
    // The same edits on right-click, their keys beside them (shown, not bound: the keys
    // act through eventFilter). A clip without utterances offers the new one only.
    const auto addMenuAction = [this](QWidget* on, const QString& text, const QString& keys, Action action,
                                      const QString& name) {
        auto* a = new QAction(text + QLatin1Char('\t') + keys, on);
        a->setObjectName(name);
        connect(a, &QAction::triggered, this, [this, action] { perform(action); });
        on->addAction(a);
    };
    table_->setContextMenuPolicy(Qt::ActionsContextMenu);
    addMenuAction(table_, tr("Edit the text"), QStringLiteral("F2"), Action::EditText,
                  QStringLiteral("TranscriptEditTextAction"));
    addMenuAction(table_, tr("Speaker of the selected lines"), QStringLiteral("Shift+F2"), Action::EditSpeaker,
                  QStringLiteral("TranscriptSpeakerAction"));
    addMenuAction(table_, tr("New utterance at the playhead"), tr("Insert"), Action::Insert,
                  QStringLiteral("TranscriptInsertAction"));
    addMenuAction(table_, tr("Split at the playhead"), QStringLiteral("P"), Action::Split,
                  QStringLiteral("TranscriptSplitAction"));
    addMenuAction(table_, tr("Merge with the next"), QStringLiteral("U"), Action::Merge,
                  QStringLiteral("TranscriptMergeAction"));
    addMenuAction(table_, tr("Delete the selected lines"), tr("Delete"), Action::Delete,
                  QStringLiteral("TranscriptDeleteAction"));
    empty_->setContextMenuPolicy(Qt::ActionsContextMenu);
    addMenuAction(empty_, tr("New utterance at the playhead"), tr("Insert"), Action::Insert,
                  QStringLiteral("TranscriptInsertIntoEmptyAction"));
    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("TranscriptMessage"));
    message_->setWordWrap(true);
    message_->hide();
    layout->addWidget(message_);
    auto* buttons = new QHBoxLayout;
    // Lines break only between the keys, never inside "Ctrl+T transcript".
    QStringList keys = tr("F2 edit · I / O start / end at the playhead · P split · U merge · Insert new · "
                          "Shift+F2 speaker · Ctrl+T transcript · F1 all keys")
                           .split(QStringLiteral(" · "));
    for (QString& k : keys) k.replace(QLatin1Char(' '), QChar(0x00A0));
    auto* hint = new QLabel(keys.join(QStringLiteral(" · ")), this);
    hint->setObjectName(QStringLiteral("MutedLabel"));
    hint->setWordWrap(true);
    hint->setToolTip(table_->toolTip());
    buttons->addWidget(hint, 1);
    auto* transcribe = new QPushButton(tr("Transcribe…"), this);
    transcribe->setObjectName(QStringLiteral("TranscribeButton"));
    transcribe->setToolTip(tr("Make this recording's transcript from its audio with a Whisper model"));
    transcribe->setFocusPolicy(Qt::NoFocus);
    buttons->addWidget(transcribe);
    layout->addLayout(buttons);
    connect(transcribe, &QPushButton::clicked, this, &TranscriptPane::transcribeRequested);

    connect(table_, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (row >= 0 && row < utterances_.size()) emit seekRequested(std::max(utterances_[row].startMs, clipStartMs_));
    });
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        if (!checkEditable() || row < 0 || row >= utterances_.size()) return;
        table_->setCurrentCell(row, column, QItemSelectionModel::NoUpdate);
        table_->editItem(table_->item(row, column));
    });
    connect(delegate_, &UtteranceDelegate::committed, this, &TranscriptPane::takeCellEdit);
    connect(delegate_, &UtteranceDelegate::splitRequested, this, &TranscriptPane::split, Qt::QueuedConnection);
    connect(session_, &ProjectSession::currentClipChanged, this, &TranscriptPane::loadClip);
    connect(session_, &ProjectSession::projectClosed, this, &TranscriptPane::loadClip);
    connect(session_, &ProjectSession::projectOpened, this, &TranscriptPane::loadClip);
    connect(session_, &ProjectSession::currentExpertChanged, this, &TranscriptPane::loadClip);
    connect(session_, &ProjectSession::transcriptChanged, this, [this](qint64 mediaId) {
        const Clip* clip = session_->clip(session_->currentClipId());
        if (!clip || clip->mediaId != mediaId) return;
        showMessage({}, false);  // an undo or another edit: the last message no longer holds
        loadClip();
    });
    connect(session_, &ProjectSession::transcriptEditFailed, this,
            [this](const QString& message) { showMessage(message, true); });
}

QString TranscriptPane::message() const {
    return message_->text();
}

void TranscriptPane::showMessage(const QString& text, bool error) {
    message_->setText(text);
    message_->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    message_->setVisible(!text.isEmpty());
}

QString TranscriptPane::clipTimeText(int64_t mediaMs) const {
    return clipTime(mediaMs - clipStartMs_);
}

void TranscriptPane::loadClip() {
    const Clip* clip = session_->clip(session_->currentClipId());
    // An edit reloads the same clip: keep the lines the user had selected.
    const bool sameClip = clip && clip->id == loadedClipId_;
    const QVector<int64_t> selected = sameClip ? selectedIds() : QVector<int64_t>();
    const int currentRow = sameClip ? table_->currentRow() : -1;
    const qint64 currentId =
        currentRow >= 0 && currentRow < utterances_.size() ? utterances_[currentRow].id : qint64(0);
    if (!sameClip) showMessage({}, false);
    table_->setRowCount(0);
    utterances_.clear();
    highlighted_ = -1;
    loadedClipId_ = clip ? clip->id : 0;
    if (!clip || !session_->project()) {
        mediaId_ = 0;
        empty_->hide();
        return;
    }
    clipStartMs_ = clip->startMs;
    mediaId_ = clip->mediaId;
    // Another clip: the player puts its playhead at the clip's start (and reports where
    // it moves from there), so I / O / P act there before any Play or seek.
    if (!sameClip) mediaPositionMs_ = clip->startMs;
    auto result = session_->project()->utterances(clip->mediaId, clip->startMs, clip->endMs);
    if (result) utterances_ = result.value();
    const bool editable = session_->transcriptEditable();
    table_->setRowCount(int(utterances_.size()));
    for (int i = 0; i < utterances_.size(); ++i) {
        const Utterance& u = utterances_[i];
        const QString range = tr("%1 – %2 in the recording").arg(clipTime(u.startMs), clipTime(u.endMs));
        auto* start = new QTableWidgetItem(clipTime(u.startMs - clip->startMs));
        start->setData(UtteranceDelegate::EditTextRole, exactClipTime(u.startMs - clip->startMs));
        auto* end = new QTableWidgetItem(clipTime(u.endMs - clip->startMs));
        end->setData(UtteranceDelegate::EditTextRole, exactClipTime(u.endMs - clip->startMs));
        for (QTableWidgetItem* time : {start, end}) {
            time->setToolTip(range);
            time->setTextAlignment(Qt::AlignRight | Qt::AlignTop);
        }
        auto* speaker = new QTableWidgetItem(u.speaker);
        speaker->setTextAlignment(Qt::AlignLeft | Qt::AlignTop);
        QFont bold = speaker->font();
        bold.setBold(true);
        speaker->setFont(bold);
        auto* text = new QTableWidgetItem(u.text);
        text->setTextAlignment(Qt::AlignLeft | Qt::AlignTop);
        const QList<QTableWidgetItem*> items{start, end, speaker, text};
        for (int c = 0; c < items.size(); ++c) {
            items[c]->setData(UtteranceDelegate::IdRole, qint64(u.id));
            Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
            if (editable) flags |= Qt::ItemIsEditable;
            items[c]->setFlags(flags);
            table_->setItem(i, c, items[c]);
        }
    }
    empty_->setVisible(utterances_.isEmpty());
    table_->setVisible(!utterances_.isEmpty());
    if (sameClip && !utterances_.isEmpty()) {
        int newCurrent = -1;
        for (int i = 0; i < utterances_.size(); ++i) {
            if (selected.contains(utterances_[i].id))
                table_->selectionModel()->select(table_->model()->index(i, 0),
                                                 QItemSelectionModel::Select | QItemSelectionModel::Rows);
            if (utterances_[i].id == currentId) newCurrent = i;
        }
        if (newCurrent < 0 && currentRow >= 0) {
            // The current line went (deleted, merged away): its neighbour takes over.
            newCurrent = std::min(currentRow, int(utterances_.size()) - 1);
            table_->selectionModel()->select(table_->model()->index(newCurrent, 0),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        if (newCurrent >= 0)
            table_->selectionModel()->setCurrentIndex(table_->model()->index(newCurrent, TextColumn),
                                                      QItemSelectionModel::NoUpdate);
    }
    if (mediaPositionMs_ >= 0) setMediaPosition(mediaPositionMs_);
}

void TranscriptPane::highlight(int row) {
    if (highlighted_ >= 0 && highlighted_ < table_->rowCount())
        for (int c = 0; c < ColumnCount; ++c)
            if (QTableWidgetItem* item = table_->item(highlighted_, c)) item->setData(Qt::BackgroundRole, QVariant());
    highlighted_ = row;
    if (row < 0) return;
    // A tint, not the selection: the selection is the line the keys edit.
    QColor tint = palette().color(QPalette::Highlight);
    tint.setAlpha(60);
    for (int c = 0; c < ColumnCount; ++c)
        if (QTableWidgetItem* item = table_->item(row, c)) item->setBackground(tint);
    // Not under an open editor: the line being typed stays in view.
    const QWidget* focus = QApplication::focusWidget();
    if (!focus || !table_->viewport()->isAncestorOf(focus)) table_->scrollToItem(table_->item(row, 0));
}

void TranscriptPane::setMediaPosition(qint64 mediaMs) {
    mediaPositionMs_ = mediaMs;
    int row = -1;
    for (int i = 0; i < utterances_.size(); ++i)
        if (utterances_[i].startMs <= mediaMs && mediaMs < utterances_[i].endMs) row = i;
    if (row == highlighted_) return;
    highlight(row);
}

void TranscriptPane::focusTable() {
    if (utterances_.isEmpty()) return;
    table_->setFocus(Qt::ShortcutFocusReason);
    if (table_->currentRow() < 0 || table_->selectionModel()->selectedRows().isEmpty()) {
        const int row = std::max(highlighted_, 0);
        table_->setCurrentCell(row, TextColumn, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
}

bool TranscriptPane::actionFor(const QKeyEvent* key, Action* action) {
    const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
    const bool plain = mods == Qt::NoModifier;
    switch (key->key()) {
        case Qt::Key_F2:
            if (plain || mods == Qt::ShiftModifier) {
                *action = plain ? Action::EditText : Action::EditSpeaker;
                return true;
            }
            return false;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            // Ctrl+Enter: laptops without an Insert key.
            *action = plain ? Action::EditText : Action::Insert;
            return plain || mods == Qt::ControlModifier;
        case Qt::Key_Insert:
            *action = Action::Insert;
            return plain;
        case Qt::Key_I:
            *action = Action::SetStart;
            return plain;
        case Qt::Key_O:
            *action = Action::SetEnd;
            return plain;
        case Qt::Key_P:
            *action = Action::Split;
            return plain || mods == Qt::ControlModifier;
        case Qt::Key_U:
            *action = Action::Merge;
            return plain;
        case Qt::Key_Delete:
            *action = Action::Delete;
            return plain;
        case Qt::Key_Left:
        case Qt::Key_Right: {
            const bool later = key->key() == Qt::Key_Right;
            if (mods == Qt::ShiftModifier) {
                *action = later ? Action::StartLater : Action::StartEarlier;
                return true;
            }
            if (mods == Qt::ControlModifier) {
                *action = later ? Action::EndLater : Action::EndEarlier;
                return true;
            }
            return false;
        }
        default:
            return false;
    }
}

bool TranscriptPane::eventFilter(QObject* watched, QEvent* event) {
    // Only keys for the table itself: an open editor's unused keys (its Return, F2) reach
    // the table too, by propagation, and must not start another edit.
    if (watched == table_ && table_->hasFocus() &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        Action action;
        if (actionFor(static_cast<QKeyEvent*>(event), &action)) {
            // The transcript's keys win over window shortcuts (F2 edits the note elsewhere).
            event->accept();
            if (event->type() == QEvent::KeyPress) perform(action);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

bool TranscriptPane::checkEditable() {
    if (session_->transcriptEditable()) return true;
    showMessage(tr("Choose a coder (\"Coder\" in the status bar) to edit the transcript: without one the project "
                   "is read-only."),
                true);
    return false;
}

bool TranscriptPane::checkPlayhead() {
    if (mediaPositionMs_ >= 0) return true;
    showMessage(tr("The player has no position yet: play or seek first."), true);
    return false;
}

const Utterance* TranscriptPane::utterance(qint64 id) const {
    for (const Utterance& u : utterances_)
        if (u.id == id) return &u;
    return nullptr;
}

QVector<int64_t> TranscriptPane::selectedIds() const {
    QVector<int64_t> ids;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        if (index.row() < utterances_.size()) ids << utterances_[index.row()].id;
    std::sort(ids.begin(), ids.end());
    return ids;
}

QStringList TranscriptPane::recordingSpeakers() const {
    QStringList names;
    if (!session_->project() || mediaId_ == 0) return names;
    auto all = session_->project()->utterances(mediaId_, std::numeric_limits<int64_t>::min(),
                                               std::numeric_limits<int64_t>::max());
    if (!all) return names;
    QSet<QString> seen;
    for (const Utterance& u : all.value())
        if (!u.speaker.isEmpty() && !seen.contains(u.speaker)) {
            seen.insert(u.speaker);
            names << u.speaker;
        }
    names.sort(Qt::CaseInsensitive);
    return names;
}

void TranscriptPane::push(const QString& description, Edit edit) {
    push(description, std::move(edit), mediaId_, loadedClipId_);
}

void TranscriptPane::push(const QString& description, Edit edit, int64_t mediaId, int64_t clipId) {
    if (mediaId == 0) return;
    push(new TranscriptEditCommand(session_, mediaId, clipId, description, std::move(edit)));
}

void TranscriptPane::push(TranscriptEditCommand* command) {
    showMessage({}, false);
    const QString description = command->text();
    // push() runs redo(); a refusal marks it obsolete, the stack drops it and
    // transcriptEditFailed shows core's reason.
    session_->undoStack()->push(command);
    if (message_->text().isEmpty()) showMessage(description, false);
}

void TranscriptPane::setTimes(const Utterance& u, int64_t startMs, int64_t endMs, const QString& description) {
    setTimes(u, startMs, endMs, description, mediaId_, loadedClipId_);
}

void TranscriptPane::setTimes(const Utterance& u, int64_t startMs, int64_t endMs, const QString& description,
                              int64_t mediaId, int64_t clipId) {
    if (startMs == u.startMs && endMs == u.endMs) return;
    if (TranscriptEditCommand* command = timesCommand(u, startMs, endMs, description, mediaId, clipId)) push(command);
}

TranscriptEditCommand* TranscriptPane::timesCommand(const Utterance& u, int64_t startMs, int64_t endMs,
                                                    const QString& description, int64_t mediaId, int64_t clipId) {
    // Said in the clip's times, as the table shows them (core would name the utterance by
    // its id and the recording's milliseconds).
    if (endMs <= startMs) {
        showMessage(tr("Not changed: the end (%1) must come after the start (%2).")
                        .arg(clipTimeText(endMs), clipTimeText(startMs)),
                    true);
        return nullptr;
    }
    if (mediaId == 0) return nullptr;
    const qint64 id = u.id;
    return new TranscriptEditCommand(session_, mediaId, clipId, description,
                                     [id, startMs, endMs](Project& p) -> Status {
                                         auto current = p.utteranceById(id);
                                         if (!current) return current.error();
                                         Utterance changed = current.value();
                                         changed.startMs = startMs;
                                         changed.endMs = endMs;
                                         return p.updateUtterance(changed);
                                     });
}

void TranscriptPane::nudge(const Utterance& u, int64_t startMs, int64_t endMs, bool start) {
    // Named by where the utterance started before this run of nudges (merged steps keep
    // the last nudge's text).
    const QString description =
        start ? tr("The utterance at %1 starts at %2").arg(clipTimeText(u.startMs), clipTimeText(startMs))
              : tr("The utterance at %1 ends at %2").arg(clipTimeText(u.startMs), clipTimeText(endMs));
    if (TranscriptEditCommand* command = timesCommand(u, startMs, endMs, description, mediaId_, loadedClipId_)) {
        command->markAsNudgeOf(u.id, start);
        push(command);
    }
}

void TranscriptPane::perform(Action action) {
    if (!checkEditable()) return;
    if (action == Action::Insert) return insertAtPlayhead();
    const int row = table_->currentRow();
    if (row < 0 || row >= utterances_.size()) {
        showMessage(tr("Select an utterance first: click it, or move with Up / Down."), true);
        return;
    }
    const Utterance u = utterances_[row];  // a copy: an edit reloads the list
    const QString at = clipTimeText(u.startMs);
    switch (action) {
        case Action::EditText:
            table_->editItem(table_->item(row, TextColumn));
            break;
        case Action::EditSpeaker:
            table_->editItem(table_->item(row, SpeakerColumn));
            break;
        case Action::SetStart:
            if (checkPlayhead())
                setTimes(u, mediaPositionMs_, u.endMs,
                         tr("The utterance at %1 starts at %2").arg(at, clipTimeText(mediaPositionMs_)));
            break;
        case Action::SetEnd:
            if (checkPlayhead())
                setTimes(u, u.startMs, mediaPositionMs_,
                         tr("The utterance at %1 ends at %2").arg(at, clipTimeText(mediaPositionMs_)));
            break;
        case Action::StartEarlier:
        case Action::StartLater: {
            const int64_t start = u.startMs + (action == Action::StartLater ? kNudgeMs : -kNudgeMs);
            nudge(u, start, u.endMs, true);
            break;
        }
        case Action::EndEarlier:
        case Action::EndLater: {
            const int64_t end = u.endMs + (action == Action::EndLater ? kNudgeMs : -kNudgeMs);
            nudge(u, u.startMs, end, false);
            break;
        }
        case Action::Split:
            if (checkPlayhead()) split(u.id, u.text, wordOffsetAt(u, mediaPositionMs_));
            break;
        case Action::Merge: {
            const qint64 id = u.id;
            push(tr("Merge the utterance at %1 with the next one").arg(at),
                 [id](Project& p) { return statusOf(p.mergeUtteranceWithNext(id)); });
            break;
        }
        case Action::Insert:
            break;
        case Action::Delete: {
            QVector<int64_t> ids = selectedIds();
            if (!ids.contains(u.id)) ids = {u.id};
            push(tr("Delete %n utterance(s)", nullptr, int(ids.size())), [ids](Project& p) -> Status {
                for (int64_t id : ids)
                    if (Status s = p.deleteUtterance(id); !s) return s;
                return {};
            });
            break;
        }
    }
}

void TranscriptPane::split(qint64 utteranceId, const QString& text, int textOffset) {
    const Utterance* u = utterance(utteranceId);
    if (!u || !checkEditable() || !checkPlayhead()) return;
    const int64_t atMs = mediaPositionMs_;
    if (atMs <= u->startMs || atMs >= u->endMs) {
        showMessage(tr("Not split: the playhead (%1) is not inside this utterance (%2 – %3). Move it to where the "
                       "second part begins.")
                        .arg(clipTimeText(atMs), clipTimeText(u->startMs), clipTimeText(u->endMs)),
                    true);
        return;
    }
    // Text typed before Ctrl+P is part of the same step: saved, then split at the cursor.
    const bool edited = text != u->text;
    push(tr("Split the utterance at %1 at %2").arg(clipTimeText(u->startMs), clipTimeText(atMs)),
         [utteranceId, text, textOffset, atMs, edited](Project& p) -> Status {
             if (edited) {
                 auto current = p.utteranceById(utteranceId);
                 if (!current) return current.error();
                 Utterance changed = current.value();
                 changed.text = text;
                 if (Status s = p.updateUtterance(changed); !s) return s;
             }
             return statusOf(p.splitUtterance(utteranceId, atMs, textOffset));
         });
}

void TranscriptPane::insertAtPlayhead() {
    if (!checkPlayhead() || mediaId_ == 0 || !session_->project()) return;
    Utterance u;
    u.mediaId = mediaId_;
    u.startMs = mediaPositionMs_;
    u.endMs = u.startMs + kNewUtteranceMs;
    // The selected line's speaker and language: a turn of the same person is the usual gap.
    const int row = table_->currentRow();
    if (row >= 0 && row < utterances_.size()) {
        u.speaker = utterances_[row].speaker;
        u.language = utterances_[row].language;
    } else if (auto all = session_->project()->utterances(mediaId_, std::numeric_limits<int64_t>::min(),
                                                          std::numeric_limits<int64_t>::max());
               all && !all->isEmpty()) {
        u.language = all->first().language;  // an empty clip: the recording's language
    }
    // Up to the next utterance at most and not past the recording's end (core refuses an
    // utterance that ends where it starts, at the very end).
    if (auto near = session_->project()->utterances(mediaId_, u.startMs, u.endMs))
        for (const Utterance& other : near.value())
            if (other.startMs > u.startMs) u.endMs = std::min(u.endMs, other.startMs);
    if (auto media = session_->project()->mediaById(mediaId_); media && media->durationMs > 0)
        u.endMs = std::min(u.endMs, media->durationMs);
    auto created = std::make_shared<int64_t>(0);
    auto* command = new TranscriptEditCommand(session_, mediaId_, loadedClipId_,
                                              tr("Insert an utterance at %1").arg(clipTimeText(u.startMs)),
                                              [u, created](Project& p) -> Status {
                                                  auto id = p.insertUtterance(u);
                                                  if (!id) return id.error();
                                                  *created = id.value();
                                                  return {};
                                              });
    command->markAsInsert();  // the text typed next joins this step
    push(command);
    // The edit reloaded the list: select the new line and open its text.
    for (int i = 0; *created != 0 && i < utterances_.size(); ++i) {
        if (utterances_[i].id != *created) continue;
        table_->setFocus(Qt::OtherFocusReason);
        table_->setCurrentCell(i, TextColumn, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        table_->editItem(table_->item(i, TextColumn));
        return;
    }
}

void TranscriptPane::takeCellEdit(qint64 utteranceId, int column, const QString& value) {
    const Utterance* found = utterance(utteranceId);
    if (!found) return;
    CellEdit e{utteranceId, column, value, *found, {}, mediaId_, loadedClipId_, clipStartMs_};
    for (int64_t id : selectedIds())
        if (const Utterance* u = utterance(id)) e.selected << *u;
    // Applied once the editor has closed: the table reloads after an edit, which must not
    // happen under the closing editor.
    QTimer::singleShot(0, this, [this, e] { applyCellEdit(e); });
}

void TranscriptPane::applyCellEdit(const CellEdit& e) {
    if (!checkEditable()) return;
    const Utterance& u = e.before;
    const qint64 utteranceId = e.utteranceId;
    auto timeText = [&e](int64_t mediaMs) { return clipTime(mediaMs - e.clipStartMs); };
    const QString at = timeText(u.startMs);
    switch (e.column) {
        case TextColumn: {
            const QString text = e.value.trimmed();
            if (text == u.text) return;
            auto* command = new TranscriptEditCommand(session_, e.mediaId, e.clipId,
                                                      tr("Edit the text of the utterance at %1").arg(at),
                                                      [utteranceId, text](Project& p) -> Status {
                                                          auto current = p.utteranceById(utteranceId);
                                                          if (!current) return current.error();
                                                          Utterance changed = current.value();
                                                          changed.text = text;
                                                          return p.updateUtterance(changed);
                                                      });
            command->markAsTextEditOf(utteranceId);  // right after its insert: the same step
            push(command);
            return;
        }
        case SpeakerColumn: {
            const QString speaker = e.value.trimmed();
            QVector<Utterance> lines = e.selected;
            if (std::none_of(lines.cbegin(), lines.cend(), [&](const Utterance& l) { return l.id == utteranceId; }))
                lines = {u};
            const bool unchanged =
                std::all_of(lines.cbegin(), lines.cend(), [&](const Utterance& l) { return l.speaker == speaker; });
            if (unchanged) return;
            QVector<int64_t> ids;
            for (const Utterance& l : lines) ids << l.id;
            push(
                tr("Set the speaker of %n utterance(s) to %1", nullptr, int(ids.size())).arg(speaker),
                [ids, speaker](Project& p) { return p.setUtteranceSpeaker(ids, speaker); }, e.mediaId, e.clipId);
            return;
        }
        case StartColumn:
        case EndColumn: {
            int64_t relMs = 0;
            if (!parseClipTime(e.value, &relMs)) {
                showMessage(
                    tr("\"%1\" is not a time: write minutes:seconds from the clip's start, e.g. 0:03.5.").arg(e.value),
                    true);
                return;
            }
            const int64_t ms = e.clipStartMs + relMs;
            if (e.column == StartColumn)
                setTimes(u, ms, u.endMs, tr("The utterance at %1 starts at %2").arg(at, timeText(ms)), e.mediaId,
                         e.clipId);
            else
                setTimes(u, u.startMs, ms, tr("The utterance at %1 ends at %2").arg(at, timeText(ms)), e.mediaId,
                         e.clipId);
            return;
        }
        default:
            return;
    }
}

}  // namespace ui
}  // namespace motor
