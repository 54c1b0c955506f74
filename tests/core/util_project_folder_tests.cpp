// The project dialogs start in the latest project's folder, else the XDG documents folder,
// else home: never where the program is installed.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "core/util/ProjectFolder.h"

using motor::util::defaultProjectFolder;

namespace {

struct ScopedEnv {
    ScopedEnv(const char* name, const QByteArray& value)
        : name_(name), had_(qEnvironmentVariableIsSet(name)), old_(qgetenv(name)) {
        qputenv(name, value);
    }
    ~ScopedEnv() {
        if (had_)
            qputenv(name_, old_);
        else
            qunsetenv(name_);
    }
    const char* name_;
    bool had_;
    QByteArray old_;
};

}  // namespace

TEST(ProjectFolder, TheLatestExistingProjectsFolderFirst) {
    QTemporaryDir dir;
    ASSERT_TRUE(QDir(dir.path()).mkpath(QStringLiteral("study")));
    const QString project = dir.filePath(QStringLiteral("study/a.motor"));
    QFile f(project);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.close();
    EXPECT_EQ(defaultProjectFolder({dir.filePath(QStringLiteral("gone/b.motor")), project}),
              dir.filePath(QStringLiteral("study")));
}

TEST(ProjectFolder, ThenXdgDocumentsThenHome) {
    QTemporaryDir home;
    ScopedEnv h("HOME", home.path().toUtf8());
    ScopedEnv config("XDG_CONFIG_HOME", home.filePath(QStringLiteral(".config")).toUtf8());
    // xdg-user-dirs names the documents folder in the user's language.
    ASSERT_TRUE(QDir().mkpath(home.filePath(QStringLiteral(".config"))));
    QFile dirs(home.filePath(QStringLiteral(".config/user-dirs.dirs")));
    ASSERT_TRUE(dirs.open(QIODevice::WriteOnly));
    dirs.write("XDG_DOCUMENTS_DIR=\"$HOME/Asiakirjat\"\n");
    dirs.close();
    const QString docs = home.filePath(QStringLiteral("Asiakirjat"));
    // The documents folder does not exist yet: home.
    EXPECT_EQ(defaultProjectFolder({}), home.path());
    ASSERT_TRUE(QDir().mkpath(docs));
    EXPECT_EQ(defaultProjectFolder({home.filePath(QStringLiteral("gone.motor"))}), docs);
    EXPECT_EQ(defaultProjectFolder({}), docs);
}
