#include <QCoreApplication>
#include <cstdio>

#include "Command.h"

namespace motor::cli {

std::vector<Command>& registry() {
    static std::vector<Command> commands;
    return commands;
}

void printError(const QString& message) {
    std::fprintf(stderr, "motor: %s\n", message.toUtf8().constData());
    std::fflush(stderr);
}

void printOut(const QString& text) {
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
    std::fflush(stdout);
}

int parseOrExit(QCommandLineParser& parser, const QStringList& args, const QString& description, int minPositional,
                int maxPositional) {
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    if (!parser.parse(args)) {
        printError(parser.errorText());
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt's usage line names the binary's path; this one names the command to type,
        // and Qt's own options (--help-all) are not this tool's.
        QStringList lines = parser.helpText().split(QLatin1Char('\n'));
        if (!lines.isEmpty()) {
            const qsizetype options = lines[0].indexOf(QLatin1String(" [options]"));
            lines[0] = QStringLiteral("Usage: ") + args.value(0) + (options >= 0 ? lines[0].mid(options) : QString());
        }
        lines.removeIf([](const QString& l) { return l.contains(QLatin1String("--help-all")); });
        printOut(lines.join(QLatin1Char('\n')));
        return 0;
    }
    const int n = int(parser.positionalArguments().size());
    if (n < minPositional || (maxPositional >= 0 && n > maxPositional)) {
        printError(QStringLiteral("wrong number of arguments; see '%1 --help'").arg(args.value(0)));
        return 2;
    }
    return -1;
}

}  // namespace motor::cli

namespace {

void printUsage() {
    QString text = QStringLiteral("usage: motor COMMAND [ARGS...]\n\nMOTOR Studio command-line tool.\n\nCommands:\n");
    for (const auto& c : motor::cli::registry()) text += QStringLiteral("  %1  %2\n").arg(c.name, -22).arg(c.summary);
    text += QStringLiteral("\nEvery command takes --help.\n");
    motor::cli::printOut(text);
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("motor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MOTOR_VERSION));
    const QStringList args = app.arguments();
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h") ||
        args[1] == QLatin1String("help")) {
        printUsage();
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == QLatin1String("--version")) {
        motor::cli::printOut(QStringLiteral("motor %1\n").arg(QStringLiteral(MOTOR_VERSION)));
        return 0;
    }
    // Longest match first: "import media" before "import".
    const motor::cli::Command* best = nullptr;
    int bestWords = 0;
    for (const auto& c : motor::cli::registry()) {
        const QStringList words = c.name.split(' ');
        if (words.size() > args.size() - 1) continue;
        bool match = true;
        for (int i = 0; i < words.size(); ++i) match = match && args[1 + i] == words[i];
        if (match && words.size() > bestWords) {
            best = &c;
            bestWords = int(words.size());
        }
    }
    if (!best) {
        // A group's name alone ("motor import"): say which commands it holds.
        QStringList inGroup;
        for (const auto& c : motor::cli::registry())
            if (const QStringList words = c.name.split(' '); words.size() > 1 && words[0] == args[1])
                inGroup << words.mid(1).join(' ');
        if (!inGroup.isEmpty()) {
            motor::cli::printError(QStringLiteral("'%1' needs one of: %2; see 'motor %1 %3 --help'")
                                       .arg(args[1], inGroup.join(QStringLiteral(", ")), inGroup.first()));
            return 2;
        }
        motor::cli::printError(QStringLiteral("unknown command '%1'; see 'motor --help'").arg(args[1]));
        return 2;
    }
    QStringList rest{QStringLiteral("motor ") + best->name};
    rest += args.mid(1 + bestWords);
    return best->run(rest);
}
