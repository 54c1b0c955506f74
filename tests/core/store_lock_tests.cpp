// SQLite's POSIX locks belong to the process, not the file descriptor: closing ANY
// descriptor of a database file drops every lock this process holds on it ("How To
// Corrupt An SQLite Database File", section 2.2). Another process then believes it is the
// last connection, checkpoints and deletes the WAL on close, and this process keeps
// committing into the deleted WAL: labels shown as saved are lost at the next crash.
//
// These tests do exactly what a user did: one process holds the project open (the GUI),
// opens it a second time in the same process (a prediction job), another process opens
// and closes it (`motor info`), then the first process commits a label and is killed.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QFileInfo>
#include <QTemporaryDir>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>

#include "core/media/MediaFingerprint.h"
#include "core/store/Project.h"
#include "core/support/TestProject.h"

using namespace motor;

namespace {

// Pipes to and from a forked child that holds the project open.
struct Child {
    pid_t pid = -1;
    int toChild = -1;
    int fromChild = -1;
};

bool readLine(int fd, std::string* line) {
    line->clear();
    char c = 0;
    while (read(fd, &c, 1) == 1) {
        if (c == '\n') return true;
        line->push_back(c);
    }
    return false;
}

void say(int fd, const char* text) {
    const size_t n = std::strlen(text);
    if (write(fd, text, n) != ssize_t(n)) _exit(9);
}

// The child: opens the project, runs `alsoInProcess` (the second in-process access that
// used to drop the locks), reports "ready", waits for "go", commits one label, reports
// "committed" and waits to be killed.
Child startHolder(const QString& path, const std::function<void(const QString&)>& alsoInProcess) {
    int down[2], up[2];
    if (pipe(down) != 0 || pipe(up) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
        close(down[1]);
        close(up[0]);
        auto opened = Project::open(path);
        if (!opened) _exit(3);
        Project& p = *opened.value();
        auto annotator = p.ensureAnnotator(QStringLiteral("Anna"), AnnotatorKind::Human);
        if (!annotator) _exit(4);
        alsoInProcess(path);
        say(up[1], "ready\n");
        std::string line;
        if (!readLine(down[0], &line) || line != "go") _exit(5);
        const Clip clip = p.clips().value().front();
        if (!p.setLabel({clip.id,
                         annotator.value(),
                         QStringLiteral("behavior"),
                         QStringLiteral("Controlling"),
                         {},
                         {},
                         std::nan("")}))
            _exit(6);
        say(up[1], "committed\n");
        for (;;) pause();
    }
    close(down[0]);
    close(up[1]);
    return {pid, down[1], up[0]};
}

// Another process opens the project, reads it and closes it, as `motor info` does.
void openAndCloseElsewhere(const QString& path) {
    const pid_t pid = fork();
    if (pid == 0) {
        {
            auto opened = Project::open(path);
            if (!opened) _exit(3);
            if (!opened.value()->counts()) _exit(4);
        }
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the other process could not read the project";
}

void expectLabelSurvivesKill(const QString& path, const std::function<void(const QString&)>& alsoInProcess) {
    Child child = startHolder(path, alsoInProcess);
    ASSERT_GT(child.pid, 0);
    std::string line;
    ASSERT_TRUE(readLine(child.fromChild, &line));
    ASSERT_EQ(line, "ready");
    openAndCloseElsewhere(path);
    EXPECT_TRUE(QFileInfo::exists(path + QStringLiteral("-wal")))
        << "the other process deleted the WAL that the holder still writes to";
    say(child.toChild, "go\n");
    ASSERT_TRUE(readLine(child.fromChild, &line));
    ASSERT_EQ(line, "committed");
    kill(child.pid, SIGKILL);
    int status = 0;
    waitpid(child.pid, &status, 0);
    close(child.toChild);
    close(child.fromChild);

    auto opened = Project::open(path);
    ASSERT_TRUE(opened.ok()) << qPrintable(opened.error().message);
    Project& p = *opened.value();
    const auto annotator = p.annotatorByName(QStringLiteral("Anna")).value();
    ASSERT_TRUE(annotator.has_value());
    const auto label = p.annotation(p.clips().value().front().id, annotator->id, QStringLiteral("behavior"));
    ASSERT_TRUE(label.ok());
    ASSERT_TRUE(label->has_value()) << "the label committed before the kill is lost";
    EXPECT_EQ((*label)->label, QStringLiteral("Controlling"));
    EXPECT_EQ(p.integrityCheck().value(), QStringLiteral("ok"));
}

}  // namespace

TEST(StoreLockTest, SecondOpenInTheSameProcessKeepsTheFirstConnectionsLocks) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.motor"));
    { test::makeProject(path, 3); }
    expectLabelSurvivesKill(path, [](const QString& p) {
        auto second = Project::open(p);  // what a prediction job does beside the GUI
        if (!second) _exit(7);
    });
}

TEST(StoreLockTest, RefusingTheProjectAsMediaKeepsTheLocks) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.motor"));
    { test::makeProject(path, 3); }
    expectLabelSurvivesKill(path, [](const QString& p) {
        // A user picks the project file (or its WAL) where a recording is expected.
        for (const QString& f : {p, p + QStringLiteral("-wal"), p + QStringLiteral("-shm")}) {
            auto fp = media::MediaFingerprint::compute(f);
            if (fp.ok() || !fp.error().message.contains(QStringLiteral("open project"))) _exit(7);
        }
    });
}

TEST(StoreLockTest, WithoutTheSecondAccessTheSequenceAlsoKeepsTheLabel) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.motor"));
    { test::makeProject(path, 3); }
    expectLabelSurvivesKill(path, [](const QString&) {});
}
