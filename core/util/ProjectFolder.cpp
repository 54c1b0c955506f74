#include "core/util/ProjectFolder.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace motor::util {

QString defaultProjectFolder(const QStringList& recentProjects) {
    for (const QString& project : recentProjects) {
        const QFileInfo fi(project);
        if (fi.exists() && fi.dir().exists()) return fi.absolutePath();
    }
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && QFileInfo(documents).isDir()) return documents;
    return QDir::homePath();
}

}  // namespace motor::util
