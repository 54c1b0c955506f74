// motor_ui_predict_bench [CLIPS]: how long the GUI thread stalls while the Predict tab
// runs a majority baseline over a MOTOR-Bench-sized project (1,440 clips by default).
// A 1 ms timer on the GUI thread records the gaps between its ticks; the longest gap
// and the 99th percentile are what an expert feels as a frozen window. Prints one line
// per figure; docs/PERFORMANCE.md records them with this command.
#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "support/FixtureProject.h"
#include "ui/main/MainWindow.h"
#include "ui/predict/PredictorPanel.h"

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MOTOR-bench"));
    QApplication::setApplicationName(QStringLiteral("predict-gap-bench-%1").arg(QCoreApplication::applicationPid()));
    const int clips = argc > 1 ? std::max(1, atoi(argv[1])) : 1440;

    QTemporaryDir dir;
    motor::testing::FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    options.clipCount = clips;
    options.clipMs = 1000;
    auto path = motor::testing::createFixtureProject(dir.path(), QStringLiteral("bench"), options);
    if (!path) {
        std::fprintf(stderr, "%s\n", qPrintable(path.error().message));
        return 1;
    }
    motor::ui::MainWindow window;
    window.resize(1400, 900);
    window.show();
    if (!window.openProject(path.value(), QStringLiteral("Expert A"), motor::ui::MainWindow::Interaction::Unattended)) {
        std::fprintf(stderr, "%s\n", qPrintable(window.lastError()));
        return 1;
    }
    window.showView(motor::ui::MainWindow::View::Predict);
    motor::ui::PredictorPanel* panel = window.predictor();
    panel->setBackend(motor::agents::BackendKind::MajorityBaseline);
    panel->setReferenceExpert(QStringLiteral("Expert A"));
    panel->setRunName(QStringLiteral("gap-bench"));

    std::vector<qint64> gapsUs;
    QElapsedTimer clock;
    qint64 last = 0;
    QTimer tick;
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        gapsUs.push_back(now - last);
        last = now;
    });
    QSignalSpy finished(panel, &motor::ui::PredictorPanel::runFinished);
    clock.start();
    tick.start();
    panel->startRun();
    if (!finished.wait(600000)) {
        std::fprintf(stderr, "the run did not finish in 10 minutes\n");
        return 1;
    }
    const qint64 totalMs = clock.elapsed();
    tick.stop();
    std::sort(gapsUs.begin(), gapsUs.end());
    const auto pct = [&](double q) {
        return gapsUs.empty() ? 0.0 : double(gapsUs[size_t(q * double(gapsUs.size() - 1))]) / 1000.0;
    };
    std::printf("clips %d\nrun %lld ms (start to the finished signal, session updated)\n", clips, (long long)totalMs);
    std::printf("event-loop gap: max %.1f ms, p99 %.1f ms, p50 %.2f ms over %zu ticks\n", pct(1.0), pct(0.99), pct(0.5),
                gapsUs.size());
    QFile::remove(QSettings().fileName());
    return 0;
}
