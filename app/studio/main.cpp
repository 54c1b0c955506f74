// motor-studio [PROJECT] [--screenshot FILE.png]
//     [--view browser|review|metrics|predict|segment|codebook|export|merge|transcribe|blind] [--expert NAME]
// Wiring only: the window, the style, the language, the command line.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <cstdio>

#include "ui/main/LanguageSetup.h"
#include "ui/main/MainWindow.h"
#include "ui/main/ScreenshotRunner.h"
#include "ui/main/StudioStyle.h"

int main(int argc, char* argv[]) {
    // --help and --version need no screen: over ssh (no DISPLAY) they print instead of
    // aborting on the missing display.
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if ((a == "--help" || a == "-h" || a == "--version" || a == "-v") && qEnvironmentVariableIsEmpty("DISPLAY") &&
            qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MOTOR"));
    QApplication::setApplicationName(QStringLiteral("MOTOR Studio"));
    QApplication::setApplicationVersion(QStringLiteral(MOTOR_STUDIO_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("motor-studio"));
    motor::ui::LanguageSetup::install(app);
    motor::ui::StudioStyle::apply(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Label classroom clips and review AI models."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QApplication::translate("main", "Project file to open."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Render a view to FILE.png and exit."),
                                        QStringLiteral("FILE.png"));
    const QCommandLineOption view(
        QStringLiteral("view"),
        QApplication::translate(
            "main",
            "View to show: browser, review, metrics, predict, segment, codebook, export, merge, transcribe or blind."),
        QStringLiteral("VIEW"), QStringLiteral("browser"));
    const QCommandLineOption expert(QStringLiteral("expert"), QApplication::translate("main", "Label as this expert."),
                                    QStringLiteral("NAME"));
    parser.addOptions({screenshot, view, expert});
    parser.process(app);

    const QString project = parser.positionalArguments().value(0);
    motor::ui::MainWindow window;
    if (parser.isSet(screenshot)) {
        motor::ui::ScreenshotRunner runner(&window);
        const motor::Status s = runner.run(project, parser.value(view), parser.value(expert), parser.value(screenshot));
        if (!s) {
            std::fprintf(stderr, "motor-studio: %s\n", qPrintable(s.error().message));
            return 1;
        }
        return 0;
    }
    window.restoreLayout();
    window.show();
    if (!project.isEmpty()) window.openProject(QDir::current().absoluteFilePath(project), parser.value(expert));
    return app.exec();
}
