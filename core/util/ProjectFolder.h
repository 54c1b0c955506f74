#pragma once
// Where the Open and New project dialogs start: the folder of the most recent project that
// still exists, else the XDG documents folder (user-dirs.dirs' XDG_DOCUMENTS_DIR,
// ~/Documents) when it exists, else the home folder. Never the program's own folder or the working directory.
#include <QString>
#include <QStringList>

namespace motor::util {

QString defaultProjectFolder(const QStringList& recentProjects);

}  // namespace motor::util
