#pragma once
// The studio's file dialogs. Every one is Qt's own dialog with a file-type column that
// never reads a file: for a name its MIME database does not know (*.motor, where the
// package's MIME file is not installed), Qt's dialog opens the file to guess its type,
// and opening and closing the open project's file drops this process's SQLite locks, so
// that another process (motor eval beside the studio) deletes the WAL the studio still
// writes to (core/util/LiveDatabaseFiles.h). A platform's native dialog may read files
// in this process too, so none is used.
#include <QString>
#include <QStringList>
#include <memory>

class QFileDialog;
class QWidget;

namespace motor {
namespace ui {

QString openFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter = {});
QStringList openFileNames(QWidget* parent, const QString& caption, const QString& dir, const QString& filter = {});
QString saveFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter = {});
QString existingDirectory(QWidget* parent, const QString& caption, const QString& dir);

// The dialog the functions above run (for tests: shown without exec).
std::unique_ptr<QFileDialog> makeFileDialog(QWidget* parent, const QString& caption, const QString& dir,
                                            const QString& filter);

}  // namespace ui
}  // namespace motor
