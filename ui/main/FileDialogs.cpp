#include "ui/main/FileDialogs.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileIconProvider>
#include <QFileInfo>

namespace motor {
namespace ui {
namespace {

// Icons and type names from the name alone (QAbstractFileIconProvider::type asks the MIME
// database, which reads the file when the name does not settle it).
class NameOnlyIconProvider final : public QAbstractFileIconProvider {
    Q_DECLARE_TR_FUNCTIONS(motor::ui::FileDialogs)

public:
    QIcon icon(IconType type) const override { return standard_.icon(type); }
    QIcon icon(const QFileInfo& info) const override {
        return standard_.icon(info.isDir() ? QAbstractFileIconProvider::Folder : QAbstractFileIconProvider::File);
    }
    QString type(const QFileInfo& info) const override {
        if (info.isDir()) return tr("Folder");
        const QString suffix = info.suffix();
        return suffix.isEmpty() ? tr("File") : tr("%1 file").arg(suffix.toUpper());
    }

private:
    QFileIconProvider standard_;  // the style's standard icons: no file is touched
};

NameOnlyIconProvider& provider() {
    static NameOnlyIconProvider p;
    return p;
}

QStringList run(QFileDialog& d) {
    return d.exec() == QDialog::Accepted ? d.selectedFiles() : QStringList();
}

}  // namespace

std::unique_ptr<QFileDialog> makeFileDialog(QWidget* parent, const QString& caption, const QString& dir,
                                            const QString& filter) {
    auto d = std::make_unique<QFileDialog>(parent, caption, dir, filter);
    d->setOption(QFileDialog::DontUseNativeDialog);
    d->setIconProvider(&provider());
    return d;
}

QString openFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter) {
    auto d = makeFileDialog(parent, caption, dir, filter);
    d->setFileMode(QFileDialog::ExistingFile);
    return run(*d).value(0);
}

QStringList openFileNames(QWidget* parent, const QString& caption, const QString& dir, const QString& filter) {
    auto d = makeFileDialog(parent, caption, dir, filter);
    d->setFileMode(QFileDialog::ExistingFiles);
    return run(*d);
}

QString saveFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter) {
    auto d = makeFileDialog(parent, caption, dir, filter);
    d->setAcceptMode(QFileDialog::AcceptSave);
    d->setFileMode(QFileDialog::AnyFile);
    return run(*d).value(0);
}

QString existingDirectory(QWidget* parent, const QString& caption, const QString& dir) {
    auto d = makeFileDialog(parent, caption, dir, {});
    d->setFileMode(QFileDialog::Directory);
    d->setOption(QFileDialog::ShowDirsOnly);
    return run(*d).value(0);
}

}  // namespace ui
}  // namespace motor
