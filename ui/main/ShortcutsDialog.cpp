#include "ui/main/ShortcutsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/model/Codebook.h"
#include "ui/labels/KeyScheme.h"
#include "ui/main/CodebookText.h"

namespace motor {
namespace ui {

ShortcutsDialog::ShortcutsDialog(const Codebook& codebook, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Keyboard shortcuts"));
    resize(560, 620);
    QList<QPair<QString, QString>> rows;
    for (int d = 0; d < codebook.dimensions.size(); ++d) {
        const Dimension& dim = codebook.dimensions[d];
        for (int c = 0; c < dim.classes.size(); ++c) {
            const QKeySequence k = KeyScheme::classKey(dim.keyRowIndex(d), c);
            if (!k.isEmpty())
                rows << qMakePair(
                    k.toString(QKeySequence::NativeText),
                    tr("%1: %2 (press again to clear)").arg(dimensionTitle(dim), classTitle(dim, dim.classes[c].name)));
        }
    }
    rows << qMakePair(QStringLiteral("F2"), tr("Edit the note of the first dimension"))
         << qMakePair(QStringLiteral("N"), tr("Next unlabelled clip"))
         << qMakePair(QStringLiteral("K / J"), tr("Next / previous clip in the browser"))
         << qMakePair(QStringLiteral("M"), tr("Next clip in the disagreement queue"))
         << qMakePair(tr("Space"), tr("Play / pause"))
         << qMakePair(QStringLiteral(", / ."), tr("One frame back / forward"))
         << qMakePair(tr("Left / Right"), tr("One second back / forward"))
         << qMakePair(QStringLiteral("[ / ]"), tr("Slower / faster (0.25× to 2×)"))
         << qMakePair(QStringLiteral("L"), tr("Loop the clip on / off"))
         << qMakePair(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText),
                      tr("Undo the last change: a label, a clip or the transcript"))
         << qMakePair(QKeySequence(QKeySequence::Redo).toString(QKeySequence::NativeText), tr("Redo"))
         << qMakePair(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText), tr("Search clips"))
         << qMakePair(QStringLiteral("Ctrl+1 / 2 / 3 / 4 / 5"), tr("Label, Review, Metrics, Predict, Segment view"))
         << qMakePair(QStringLiteral("I / O"), tr("Segment: the selected clip starts / ends at the playhead"))
         << qMakePair(QStringLiteral("S / G"), tr("Segment: split the clip at the playhead / merge it with the next"))
         << qMakePair(tr("Insert / Delete"), tr("Segment: a new clip at the playhead / delete the clip"))
         << qMakePair(tr("Shift / Ctrl + Left / Right"),
                      tr("Segment: move the in / out point by 100 ms (with Alt: one frame)"))
         << qMakePair(tr("Up / Down"), tr("Segment: previous / next clip"))
         << qMakePair(QStringLiteral("R"), tr("Segment: set or clear the clip's \"needs a second look\" flag"))
         << qMakePair(QStringLiteral("+ / − / 0"), tr("Segment: zoom the timeline in / out / to the whole recording"))
         << qMakePair(QStringLiteral("Ctrl+T"), tr("Transcript: give it the keyboard (or click a line)"))
         << qMakePair(tr("F2 / Enter"),
                      tr("Transcript: edit the line's text (Enter saves, Esc cancels, Ctrl+P splits at the cursor)"))
         << qMakePair(QStringLiteral("Shift+F2"), tr("Transcript: the speaker of every selected line"))
         << qMakePair(QStringLiteral("I / O"), tr("Transcript: the line starts / ends at the playhead"))
         << qMakePair(tr("Shift / Ctrl + Left / Right"), tr("Transcript: its start / end 100 ms earlier / later"))
         << qMakePair(QStringLiteral("P / U"),
                      tr("Transcript: split the line at the playhead / merge it with the next"))
         << qMakePair(tr("Delete"), tr("Transcript: delete the selected lines"))
         << qMakePair(tr("Insert / Ctrl+Enter"),
                      tr("Transcript: a new utterance at the playhead (to the next one, at most 2 s), its text open"))
         << qMakePair(QStringLiteral("F1"), tr("This help"));
    auto* table = new QTableWidget(int(rows.size()), 2, this);
    table->setHorizontalHeaderLabels({tr("Key"), tr("Action")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

}  // namespace ui
}  // namespace motor
