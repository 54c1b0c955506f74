// GoogleTest with a QApplication: widgets need one, and it must outlive every test.
#include <gtest/gtest.h>

#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

int main(int argc, char* argv[]) {
    // ctest sets QT_QPA_PLATFORM=offscreen; a developer running the binary by hand gets
    // the same unless they choose otherwise.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    ::testing::InitGoogleTest(&argc, argv);
    QStandardPaths::setTestModeEnabled(true);  // keep QSettings away from the user's
    QApplication app(argc, argv);
    // ctest runs tests in parallel processes; each gets its own settings file, or one
    // test's QSettings().clear() would undo what another just remembered.
    QApplication::setOrganizationName(QStringLiteral("MOTOR-tests"));
    QApplication::setApplicationName(QStringLiteral("motor_ui_tests-%1").arg(QCoreApplication::applicationPid()));
    const int rc = RUN_ALL_TESTS();
    QFile::remove(QSettings().fileName());
    return rc;
}
