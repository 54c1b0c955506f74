#include "ui/codebook/CodebookChangeCommand.h"

#include <QCoreApplication>
#include <QHash>

#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

CodebookChangeCommand::CodebookChangeCommand(ProjectSession* session, Codebook before, Codebook after,
                                             QVector<CodebookRename> renames)
    : session_(session), before_(std::move(before)), after_(std::move(after)), renames_(std::move(renames)) {
    setText(QCoreApplication::translate("CodebookChangeCommand", "Codebook change (version %1)").arg(after_.version));
}

QVector<CodebookRename> CodebookChangeCommand::reversed(const QVector<CodebookRename>& renames) {
    // A class rename names its dimension as it was; back from the new codebook, that is
    // the dimension's new name.
    QHash<QString, QString> dimensionTo;
    for (const CodebookRename& r : renames)
        if (r.fromClass.isEmpty()) dimensionTo.insert(r.dimension, r.to);
    QVector<CodebookRename> out;
    for (const CodebookRename& r : renames) {
        if (r.fromClass.isEmpty())
            out.push_back({r.to, QString(), r.dimension});
        else
            out.push_back({dimensionTo.value(r.dimension, r.dimension), r.to, r.fromClass});
    }
    return out;
}

void CodebookChangeCommand::redo() {
    if (firstRedo_) {
        firstRedo_ = false;
        return;
    }
    apply(after_, renames_);
}

void CodebookChangeCommand::undo() {
    apply(before_, reversed(renames_));
}

void CodebookChangeCommand::apply(const Codebook& to, const QVector<CodebookRename>& renames) {
    const auto changed = session_->changeCodebook(to, renames);
    if (changed) return;
    setObsolete(true);  // the stack drops a step that cannot be taken
    emit session_->codebookChangeFailed(changed.error().message);
}

}  // namespace ui
}  // namespace motor
