// Crash safety: a child process labels in a loop and reports each label once setLabel
// has returned (the transaction is durable). The parent SIGKILLs it at random moments;
// afterwards every reported label must be in the project and the database intact.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QTemporaryDir>
#include <csignal>
#include <cstdio>
#include <random>
#include <set>

#include "core/store/Project.h"
#include "core/support/TestProject.h"

using namespace motor;

namespace {

[[noreturn]] void childLabelLoop(const QString& path, int writeFd, int startSeq) {
    auto opened = Project::open(path);
    if (!opened) _exit(3);
    auto& p = *opened.value();
    auto annotator = p.ensureAnnotator("crash-expert", AnnotatorKind::Human);
    if (!annotator) _exit(4);
    const auto clips = p.clips().value();
    static const char* labels[] = {"Monitoring", "Controlling", "Mixed"};
    for (int seq = startSeq;; ++seq) {
        const auto& clip = clips[seq % clips.size()];
        if (!p.setLabel(
                {clip.id, annotator.value(), "behavior", labels[seq % 3], QString::number(seq), {}, std::nan("")}))
            _exit(5);
        char line[32];
        const int n = std::snprintf(line, sizeof line, "%d\n", seq);
        if (write(writeFd, line, size_t(n)) != n) _exit(6);
    }
}

}  // namespace

TEST(StoreCrashTest, SigkillDuringLabelingLosesNoCommittedLabel) {
    QTemporaryDir dir;
    const QString path = dir.filePath("crash.motor");
    { test::makeProject(path, 20); }
    std::mt19937 rng(12345);
    std::set<int> reported;
    int nextSeq = 0;
    for (int round = 0; round < 50; ++round) {
        int fds[2];
        ASSERT_EQ(pipe(fds), 0);
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            close(fds[0]);
            childLabelLoop(path, fds[1], nextSeq);
        }
        close(fds[1]);
        usleep(std::uniform_int_distribution<int>(2000, 60000)(rng));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << WEXITSTATUS(status);
        FILE* in = fdopen(fds[0], "r");
        int seq = 0;
        while (std::fscanf(in, "%d", &seq) == 1) {
            reported.insert(seq);
            nextSeq = std::max(nextSeq, seq + 1);
        }
        std::fclose(in);
        nextSeq += 1000;  // an unreported but committed write must not collide
    }
    ASSERT_GT(reported.size(), 50u) << "the child should have committed labels in most rounds";
    auto opened = Project::open(path);
    ASSERT_TRUE(opened.ok()) << qPrintable(opened.error().message);
    auto& p = *opened.value();
    auto integrity = p.integrityCheck();
    ASSERT_TRUE(integrity.ok());
    EXPECT_EQ(integrity.value(), "ok");
    std::set<int> audited;
    for (const auto& e : p.auditLog().value()) audited.insert(e.newNote.toInt());
    for (int seq : reported)
        ASSERT_TRUE(audited.count(seq)) << "label #" << seq << " was reported committed but is missing";
    // The current label of each clip is the last write the audit log records for it.
    const auto clips = p.clips().value();
    const auto annotator = p.annotatorByName("crash-expert").value();
    ASSERT_TRUE(annotator.has_value());
    std::map<int64_t, int> lastSeqOfClip;
    for (const auto& e : p.auditLog().value())
        lastSeqOfClip[e.clipId] = std::max(lastSeqOfClip[e.clipId], e.newNote.toInt());
    for (const auto& c : clips) {
        auto a = p.annotation(c.id, annotator->id, "behavior");
        ASSERT_TRUE(a.ok());
        if (!lastSeqOfClip.count(c.id)) continue;
        ASSERT_TRUE(a->has_value());
        EXPECT_EQ((*a)->note.toInt(), lastSeqOfClip[c.id]);
    }
}
