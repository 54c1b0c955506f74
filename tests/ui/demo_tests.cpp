// "Open demo project" from the start page: core writes the demo in a worker thread
// while the GUI keeps running, then the project opens and asks who is labelling.
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include "ui/main/ExpertDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/main/ProjectSession.h"

namespace {

TEST(Demo, OpenDemoGeneratesInTheBackgroundAndOpens) {
    QSettings().clear();
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo"))
        .removeRecursively();
    motor::ui::MainWindow window;
    window.show();

    // Answer the expert dialog when it appears; the test drives no real user.
    QTimer answer;
    answer.setInterval(20);
    QObject::connect(&answer, &QTimer::timeout, [] {
        if (auto* dialog = qobject_cast<motor::ui::ExpertDialog*>(QApplication::activeModalWidget())) {
            dialog->findChild<QComboBox*>()->setCurrentText(QStringLiteral("Demo Tester"));
            dialog->accept();
        }
    });
    answer.start();

    // The event loop must keep turning while the demo is generated.
    QElapsedTimer gap;
    gap.start();
    qint64 longestGapMs = 0;
    QTimer tick;
    tick.setInterval(10);
    QObject::connect(&tick, &QTimer::timeout, [&] { longestGapMs = std::max(longestGapMs, gap.restart()); });
    tick.start();

    window.openDemo();
    QElapsedTimer t;
    t.start();
    while (!window.session()->isOpen() && t.elapsed() < 120000) QTest::qWait(20);
    tick.stop();
    ASSERT_TRUE(window.session()->isOpen()) << window.lastError().toStdString();
    EXPECT_GT(window.session()->clips().size(), 0);
    EXPECT_EQ(window.session()->currentExpertName(), QStringLiteral("Demo Tester"));
    // Generous bound: the machine is shared, but a blocking generator would take seconds.
    EXPECT_LT(longestGapMs, 1000) << "GUI thread blocked for " << longestGapMs << " ms";
    std::printf("demo generated in %lld ms, longest event-loop gap %lld ms\n", t.elapsed(), longestGapMs);
}

}  // namespace
