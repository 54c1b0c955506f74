#include "ui/main/Docs.h"

#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace motor {
namespace ui {

QString docsText(const QString& name) {
    QFile f(QStringLiteral(":/docs/") + name);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll());
}

QList<QPair<QString, QString>> userGuidePages() {
    QList<QPair<QString, QString>> pages;
    for (const QString& file :
         QDir(QStringLiteral(":/docs/user-guide")).entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name)) {
        const QString name = QStringLiteral("user-guide/") + file;
        const QString first = docsText(name).section(QLatin1Char('\n'), 0, 0);
        pages.push_back({name, first.startsWith(QLatin1String("# ")) ? first.mid(2) : file});
    }
    return pages;
}

namespace {
// The page's Markdown without its screenshots (the dialog is narrower than they are, and
// they are not built in).
QString withoutImages(QString text) {
    static const QRegularExpression image(QStringLiteral("^!\\[[^\\]]*\\]\\([^)]*\\)\\s*$"),
                                          QRegularExpression::MultilineOption);
    return text.remove(image);
}
}  // namespace

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
    browser->setObjectName(QStringLiteral("HelpText"));
    browser->setMarkdown(withoutImages(text));
    // A link to another page of the guide opens it here; anything else in the browser.
    browser->setOpenLinks(false);
    QObject::connect(browser, &QTextBrowser::anchorClicked, dialog, [browser, dialog, name](const QUrl& url) {
        if (url.isRelative() && url.path().endsWith(QLatin1String(".md"))) {
            const QString target = QDir::cleanPath(QFileInfo(name).path() + QLatin1Char('/') + url.path());
            if (const QString page = docsText(target); !page.isEmpty()) {
                browser->setMarkdown(withoutImages(page));
                dialog->setWindowTitle(target);
                return;
            }
        }
        QDesktopServices::openUrl(url);
    });
    layout->addWidget(browser);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->show();
    return true;
}

}  // namespace ui
}  // namespace motor
