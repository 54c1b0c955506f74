#include "ui/main/Docs.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace motor {
namespace ui {

QString docsText(const QString& name) {
    QFile f(QStringLiteral(":/docs/") + name);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll());
}

QString docsLink(const QString& name, const QString& text) {
    return QStringLiteral("<a href=\"help:%1\">%2</a>").arg(name, text.toHtmlEscaped());
}

bool openHelpLink(const QString& link, QWidget* parent) {
    if (!link.startsWith(QLatin1String("help:"))) return false;
    const QString name = link.mid(5);
    const QString text = docsText(name);
    if (text.isEmpty()) return false;
    auto* dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("HelpDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(name);
    dialog->resize(760, 640);
    auto* layout = new QVBoxLayout(dialog);
    auto* browser = new QTextBrowser(dialog);
    browser->setOpenExternalLinks(true);
    browser->setMarkdown(text);
    layout->addWidget(browser);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->show();
    return true;
}

}  // namespace ui
}  // namespace motor
