// motor_ui_make_fixture DIR [NAME] [CLIPS]: writes the UI fixture project (for
// screenshots and manual checks when no demo project is at hand).
#include <QCoreApplication>
#include <cstdio>

#include "support/FixtureProject.h"

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: motor_ui_make_fixture DIR [NAME] [CLIPS]\n");
        return 2;
    }
    motor::testing::FixtureOptions options;
    options.clipCount = args.size() > 3 ? args[3].toInt() : 36;
    options.experts = {QStringLiteral("Expert A"), QStringLiteral("Expert B"), QStringLiteral("Expert C")};
    options.secondaryCoverage = 0.8;
    auto r =
        motor::testing::createFixtureProject(args[1], args.size() > 2 ? args[2] : QStringLiteral("lesson"), options);
    if (!r) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
        return 1;
    }
    std::printf("%s\n", qPrintable(r.value()));
    return 0;
}
