#include <gtest/gtest.h>

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>

#include "agents_fixture.h"
#include "core/agents/CueBaseline.h"
#include "core/agents/MajorityBaseline.h"
#include "core/agents/PredictionRun.h"

using namespace motor;
using namespace motor::agents;

namespace {

struct AgentsRun : ::testing::Test {
    QTemporaryDir dir;
    std::unique_ptr<Project> project = test::makeAgentsProject(dir.filePath(QStringLiteral("p.motor")), 7);

    QVector<Annotation> labelsOf(int64_t annotatorId) {
        QVector<Annotation> out;
        for (const auto& a : project->annotations().value())
            if (a.annotatorId == annotatorId) out.push_back(a);
        return out;
    }
};

}  // namespace

TEST_F(AgentsRun, AgentsRunInOrderAndAnchorTheNextOne) {
    test::ScriptedModel model;
    RunOptions o;
    o.runName = QStringLiteral("scripted run");
    auto s = runPrediction(*project, model, o);
    ASSERT_TRUE(s.ok()) << qPrintable(s.error().message);
    EXPECT_EQ(s->progress.done, 7);
    EXPECT_EQ(s->progress.failed, 0);
    // 7 clips x 3 agents; prefix sharing: one context per clip, one fork per agent.
    EXPECT_EQ(model.calls, 21);
    EXPECT_EQ(model.sessionsCreated, 7);
    EXPECT_EQ(model.forks, 21);
    EXPECT_EQ(model.prefills, 14);  // system + context per clip
    // Batches of 3: behavior x3, then cognition x3 (anchored on behavior), ...
    EXPECT_TRUE(model.instructions[0].contains(QStringLiteral("behavior")));
    EXPECT_FALSE(model.instructions[0].contains(QStringLiteral("Already decided")));
    EXPECT_TRUE(model.instructions[3].contains(QStringLiteral("Already decided")));
    EXPECT_TRUE(model.instructions[6].contains(QStringLiteral("- cognition: ")));
    const auto labels = labelsOf(s->annotatorId);
    EXPECT_EQ(labels.size(), 21);
    for (const auto& a : labels) {
        EXPECT_GE(project->codebook().dimension(a.dimension)->classIndex(a.label), 0);
        EXPECT_EQ(a.rationale, "scripted");
        EXPECT_DOUBLE_EQ(a.confidence, 0.5);
    }
    auto ann = project->annotatorByName(QStringLiteral("scripted run"));
    ASSERT_TRUE(ann.ok() && ann.value());
    const QJsonObject prov = ann.value()->provenance;
    EXPECT_EQ(ann.value()->kind, AnnotatorKind::Model);
    EXPECT_EQ(prov.value("backend").toString(), "scripted");
    EXPECT_EQ(prov.value("mode").toString(), "motor-mas");
    EXPECT_EQ(prov.value("status").toString(), "finished");
    EXPECT_FALSE(prov.value("frames_used").toBool());
    EXPECT_EQ(prov.value("prompts").toObject().value("agent_cognition").toString().size(), 64);
    EXPECT_EQ(prov.value("codebook").toObject().value("version").toInt(), 1);
    EXPECT_TRUE(prov.contains("started_at") && prov.contains("finished_at"));
}

TEST_F(AgentsRun, WithoutPrefixSharingTheContextIsRecomputedPerAgent) {
    test::ScriptedModel model;
    RunOptions o;
    o.prefixSharing = PrefixSharing::Off;
    auto s = runPrediction(*project, model, o);
    ASSERT_TRUE(s.ok()) << qPrintable(s.error().message);
    EXPECT_EQ(model.forks, 0);
    EXPECT_EQ(model.sessionsCreated, 21);
    EXPECT_EQ(model.prefills, 42);
}

TEST_F(AgentsRun, SingleAgentModeAsksOnceForAllLabels) {
    test::ScriptedModel model;
    RunOptions o;
    o.mode = PredictorMode::SingleAgent;
    auto s = runPrediction(*project, model, o);
    ASSERT_TRUE(s.ok()) << qPrintable(s.error().message);
    EXPECT_EQ(model.calls, 7);
    EXPECT_EQ(labelsOf(s->annotatorId).size(), 21);
    EXPECT_EQ(s->runName, "scripted:scripted:single-agent");
}

TEST_F(AgentsRun, FailedClipIsReportedAndRetriedOnResume) {
    test::ScriptedModel model;
    model.failOnCall = 1;  // the behavior agent of the second clip
    RunOptions o;
    o.runName = QStringLiteral("r");
    auto first = runPrediction(*project, model, o);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->progress.done, 6);
    EXPECT_EQ(first->progress.failed, 1);
    ASSERT_EQ(first->errors.size(), 1);
    EXPECT_TRUE(first->errors[0].contains(QStringLiteral("scripted failure")));
    EXPECT_EQ(labelsOf(first->annotatorId).size(), 18);

    test::ScriptedModel again;
    auto second = runPrediction(*project, again, o);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->progress.skipped, 6);
    EXPECT_EQ(second->progress.done, 1);
    EXPECT_EQ(again.calls, 3);
    EXPECT_EQ(labelsOf(second->annotatorId).size(), 21);
    auto items = project->finishedRunClips(second->annotatorId);
    EXPECT_EQ(items->size(), 7);
    const auto sessions = project->annotatorByName("r").value()->provenance.value("sessions").toArray();
    EXPECT_EQ(sessions.size(), 2);
}

TEST_F(AgentsRun, CancelStopsBetweenBatchesAndResumeFinishes) {
    test::ScriptedModel model;
    CancelFlag cancel;
    RunOptions o;
    o.runName = QStringLiteral("c");
    o.batchSize = 2;
    o.cancel = &cancel;
    o.progress = [&](const RunProgress& p) {
        if (p.done >= 2) cancel.cancel();
    };
    auto s = runPrediction(*project, model, o);
    ASSERT_TRUE(s.ok());
    EXPECT_TRUE(s->cancelled);
    EXPECT_EQ(s->progress.done, 2);
    EXPECT_EQ(project->annotatorByName("c").value()->provenance.value("status").toString(), "cancelled");
    cancel.reset();
    o.progress = {};
    auto r = runPrediction(*project, model, o);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->progress.skipped, 2);
    EXPECT_EQ(r->progress.done, 5);
    EXPECT_EQ(labelsOf(r->annotatorId).size(), 21);
}

TEST_F(AgentsRun, ResumeWithOtherSettingsIsRefused) {
    test::ScriptedModel model;
    RunOptions o;
    o.runName = QStringLiteral("same");
    ASSERT_TRUE(runPrediction(*project, model, o).ok());
    o.mode = PredictorMode::NoSrl;
    auto s = runPrediction(*project, model, o);
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(s.error().message.contains(QStringLiteral("exists with another model")));
}

TEST_F(AgentsRun, ClipSelection) {
    test::ScriptedModel model;
    RunOptions o;
    o.selection = ClipSelection::List;
    o.clipIds = {QStringLiteral("c002"), QStringLiteral("c005")};
    auto s = runPrediction(*project, model, o);
    ASSERT_TRUE(s.ok()) << qPrintable(s.error().message);
    EXPECT_EQ(s->progress.total, 2);
    o.clipIds = {QStringLiteral("nope")};
    o.runName = QStringLiteral("other");
    auto bad = runPrediction(*project, model, o);
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.contains(QStringLiteral("no clip 'nope'")));

    const int64_t expert = project->ensureAnnotator(QStringLiteral("Expert"), AnnotatorKind::Human).value();
    const auto clips = project->clips().value();
    ASSERT_TRUE(project->setLabel({clips[0].id, expert, "behavior", "Monitoring", {}, {}, std::nan("")}).ok());
    o.selection = ClipSelection::Unlabeled;
    o.runName = QStringLiteral("unlabeled");
    auto u = runPrediction(*project, model, o);
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u->progress.total, 6);
}

TEST_F(AgentsRun, BaselinesAreStoredAsBaselines) {
    const int64_t expert = project->ensureAnnotator(QStringLiteral("Anna"), AnnotatorKind::Human).value();
    const auto clips = project->clips().value();
    for (int i = 0; i < clips.size(); ++i) {
        ASSERT_TRUE(
            project
                ->setLabel(
                    {clips[i].id, expert, "behavior", i < 5 ? "Controlling" : "Monitoring", {}, {}, std::nan("")})
                .ok());
        ASSERT_TRUE(project->setLabel({clips[i].id, expert, "emotion", "Neutral", {}, {}, std::nan("")}).ok());
    }
    auto majority = MajorityBaseline::fromProject(*project, QStringLiteral("Anna"));
    ASSERT_TRUE(majority.ok()) << qPrintable(majority.error().message);
    auto s = runPrediction(*project, *majority.value(), RunOptions{});
    ASSERT_TRUE(s.ok()) << qPrintable(s.error().message);
    EXPECT_EQ(s->runName, "baseline:majority");
    for (const auto& a : labelsOf(s->annotatorId)) {
        if (a.dimension == "behavior") {
            EXPECT_EQ(a.label, "Controlling");
        } else if (a.dimension == "emotion") {
            EXPECT_EQ(a.label, "Neutral");
        } else if (a.dimension == "cognition") {
            EXPECT_EQ(a.label, "Positive");  // no labels: first class
        }
    }
    EXPECT_EQ(project->annotatorByName("baseline:majority").value()->kind, AnnotatorKind::Baseline);
    EXPECT_FALSE(MajorityBaseline::fromProject(*project, QStringLiteral("Nobody")).ok());

    CueBaseline cues;
    auto c = runPrediction(*project, cues, RunOptions{});
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(labelsOf(c->annotatorId).size(), 21);
    EXPECT_EQ(project->annotatorByName("baseline:transcript-cues").value()->kind, AnnotatorKind::Baseline);
}

TEST(AgentsCueBaseline, FinnishAndEnglishCues) {
    CueBaseline b;
    const LmLabelField behavior{QStringLiteral("behavior"),
                                {QStringLiteral("Monitoring"), QStringLiteral("Controlling"), QStringLiteral("Mixed")}};
    const LmLabelField emotion{
        QStringLiteral("emotion"),
        {QStringLiteral("Positive"), QStringLiteral("Negative"), QStringLiteral("Mixed"), QStringLiteral("Neutral")}};
    QStringList m;
    EXPECT_EQ(b.classify(behavior, QStringLiteral("Tehdään se uudestaan"), &m).label, "Controlling");
    EXPECT_EQ(m, QStringList{"\"tehdään\""});
    EXPECT_EQ(b.classify(behavior, QStringLiteral("are we done? let's check"), nullptr).label, "Mixed");
    EXPECT_EQ(b.classify(behavior, QStringLiteral("onks tää valmis"), nullptr).label, "Monitoring");
    EXPECT_EQ(b.classify(emotion, QStringLiteral("mitataan pituus"), nullptr).label, "Neutral");
    EXPECT_EQ(b.classify(emotion, QStringLiteral("hahaha siisti"), nullptr).label, "Positive");
    EXPECT_EQ(b.classify(emotion, QStringLiteral("ugh tylsää"), nullptr).label, "Negative");
    // Cues match at word starts only: "hyvä" is not inside "ehyvät".
    const LmLabelField cognition{QStringLiteral("cognition"),
                                 {QStringLiteral("Positive"), QStringLiteral("Negative"), QStringLiteral("Neutral")}};
    EXPECT_EQ(b.classify(cognition, QStringLiteral("ehyvät"), nullptr).label, "Neutral");
}

// A run's annotator comes with its first finished clip: a run that finishes none (every
// clip failed, or the backend could not serve it) leaves nothing in the project.
TEST_F(AgentsRun, ARunThatFinishesNoClipLeavesNoAnnotator) {
    test::ScriptedModel failing;
    failing.failFromCall = 0;
    RunOptions o;
    o.runName = QStringLiteral("all failed");
    int64_t startedWith = -1;
    o.started = [&](int64_t id, const QVector<int64_t>&) { startedWith = id; };
    auto s = runPrediction(*project, failing, o);
    ASSERT_TRUE(s.ok()) << qPrintable(s.error().message);
    EXPECT_EQ(s->progress.failed, 7);
    EXPECT_EQ(s->annotatorId, 0);
    EXPECT_EQ(startedWith, 0);
    EXPECT_FALSE(project->annotatorByName(QStringLiteral("all failed")).value().has_value());

    test::ScriptedModel unusable;
    unusable.prepareError = fatalError(QStringLiteral("the server takes no images"));
    o.runName = QStringLiteral("never started");
    auto refused = runPrediction(*project, unusable, o);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(isFatal(refused.error()));
    EXPECT_EQ(unusable.calls, 0);
    EXPECT_FALSE(project->annotatorByName(QStringLiteral("never started")).value().has_value());
    for (const Annotator& a : project->annotators().value())
        EXPECT_NE(a.kind, AnnotatorKind::Model) << qPrintable(a.name);
}

// A Fatal error (no server left) stops the run at once: finished clips stay, the rest
// are neither failed nor tried; the same run resumes where it stopped.
TEST_F(AgentsRun, AFatalBackendErrorStopsTheRunAndResumingFinishesIt) {
    test::ScriptedModel dying;
    dying.failFromCall = 9;  // batches of 3 clips x 3 agents: the second batch finds the server gone
    dying.fatal = true;
    RunOptions o;
    o.runName = QStringLiteral("server died");
    auto first = runPrediction(*project, dying, o);
    ASSERT_TRUE(first.ok()) << qPrintable(first.error().message);
    EXPECT_TRUE(first->stopped);
    EXPECT_TRUE(first->stopReason.contains(QStringLiteral("scripted server gone")));
    EXPECT_EQ(first->progress.done, 3);
    EXPECT_EQ(first->progress.failed, 0);
    EXPECT_TRUE(first->errors.isEmpty());
    EXPECT_EQ(dying.calls, 9 + 3);  // the second batch's first stage, and nothing after it
    auto ann = project->annotatorByName(QStringLiteral("server died")).value();
    ASSERT_TRUE(ann.has_value());
    EXPECT_EQ(ann->provenance.value("status").toString(), "stopped");
    const QJsonObject session = ann->provenance.value("sessions").toArray().last().toObject();
    EXPECT_TRUE(session.value("stop_reason").toString().contains(QStringLiteral("scripted server gone")));

    test::ScriptedModel back;
    auto second = runPrediction(*project, back, o);
    ASSERT_TRUE(second.ok());
    EXPECT_FALSE(second->stopped);
    EXPECT_EQ(second->progress.skipped, 3);
    EXPECT_EQ(second->progress.done, 4);
    EXPECT_EQ(second->annotatorId, first->annotatorId);
    EXPECT_EQ(labelsOf(second->annotatorId).size(), 21);
    EXPECT_EQ(project->annotatorByName(QStringLiteral("server died")).value()->provenance.value("status").toString(),
              "finished");
}
