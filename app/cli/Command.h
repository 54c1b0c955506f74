#pragma once
// The `motor` CLI: each command lives in its own file and registers itself, so main()
// only dispatches. Commands print results to stdout, errors to stderr, and return the
// process exit code (0 ok, 1 failure, 2 usage).
#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace motor::cli {

struct Command {
    QString name;  // "import media" for nested commands
    QString summary;
    std::function<int(const QStringList& args)> run;  // args[0] is "motor <name>"
};

std::vector<Command>& registry();

struct CommandRegistration {
    CommandRegistration(QString name, QString summary, std::function<int(const QStringList&)> run) {
        registry().push_back(Command{std::move(name), std::move(summary), std::move(run)});
    }
};

// Shared helpers.
void printError(const QString& message);
void printOut(const QString& text);  // UTF-8, no newline added
// Parses args with --help support; returns -1 to continue, else an exit code.
int parseOrExit(QCommandLineParser& parser, const QStringList& args, const QString& description, int minPositional,
                int maxPositional);

}  // namespace motor::cli
