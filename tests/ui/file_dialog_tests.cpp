// Reported (never lose a label): with *.motor unknown to the MIME database (a source build,
// no package), Qt's file dialog opened the open project's file to guess its type. Closing
// that descriptor dropped the process's SQLite locks, and a `motor info` beside the studio
// then deleted the WAL the studio still wrote to. The studio's dialogs name types from
// file names only (ui/main/FileDialogs.h).
#include <gtest/gtest.h>

#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "core/model/Codebook.h"
#include "core/store/Project.h"
#include "ui/main/FileDialogs.h"

namespace motor::testing {
namespace {

// Shows the dialog on the folder until its listing, types included, is in, as a user
// looking at it would.
void listFolder(QFileDialog& dialog) {
    dialog.show();
    auto* model = dialog.findChild<QFileSystemModel*>();
    ASSERT_NE(model, nullptr);
    QTest::qWait(1500);  // the file-info gatherer's thread fills the type column
    dialog.hide();
}

// `motor info` from another process: when it finds no lock of ours, it is the last
// connection and deletes the WAL on close.
void otherProcessOpens(const QString& path) {
    QProcess p;
    p.start(QStringLiteral(MOTOR_CLI), {QStringLiteral("info"), path});
    ASSERT_TRUE(p.waitForFinished(30000));
    ASSERT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
}

TEST(FileDialogs, ListingTheOpenProjectsFolderKeepsItsLocks) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // A suffix no MIME database knows: the name cannot settle the type.
    const QString path = dir.filePath(QStringLiteral("team.mstest"));
    auto project = Project::create(path, Codebook::motorDefault());
    ASSERT_TRUE(project.ok()) << project.error().message.toStdString();
    ASSERT_TRUE(project.value()->ensureAnnotator(QStringLiteral("Anna"), AnnotatorKind::Human).ok());
    const QString wal = path + QStringLiteral("-wal");
    ASSERT_TRUE(QFileInfo::exists(wal));

    auto ours = ui::makeFileDialog(nullptr, QStringLiteral("Open project"), dir.path(), {});
    listFolder(*ours);
    otherProcessOpens(path);
    EXPECT_TRUE(QFileInfo::exists(wal)) << "the studio's dialog dropped the project's locks";

    // The control: Qt's dialog with its own type column reads the file, and the other
    // process then deletes the WAL this one still holds open (what users met).
    QFileDialog plain(nullptr, QStringLiteral("Open project"), dir.path());
    plain.setOption(QFileDialog::DontUseNativeDialog);
    listFolder(plain);
    otherProcessOpens(path);
    EXPECT_FALSE(QFileInfo::exists(wal)) << "Qt's own dialog no longer reads files: the hazard is gone here";
}

}  // namespace
}  // namespace motor::testing
