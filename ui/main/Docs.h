#pragma once
// The user documentation inside the application: docs/*.md are built into motor_ui's
// resources and shown in a dialog, so help works the same from a build tree and from
// the installed package, without a browser or a path on disk.
#include <QList>
#include <QPair>
#include <QString>

class QWidget;

namespace motor {
namespace ui {

// <a href="help:NAME">text</a>; a QLabel showing it connects linkActivated to
// openHelpLink.
QString docsLink(const QString& name, const QString& text);
// Opens the "help:NAME" document in a dialog (non-modal); false for other links.
bool openHelpLink(const QString& link, QWidget* parent);
// The Markdown text of docs/NAME (empty when this build has no such document).
QString docsText(const QString& name);
// The user guide's pages (docs/user-guide/*.md): name for openHelpLink, and title.
QList<QPair<QString, QString>> userGuidePages();

}  // namespace ui
}  // namespace motor
