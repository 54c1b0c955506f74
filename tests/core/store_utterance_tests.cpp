// Transcript editing in core/store: text, speaker and times of one utterance, split,
// merge with the next, the speaker of several; each validated and one transaction, a
// refused edit changing nothing.
#include <gtest/gtest.h>

#include <QTemporaryDir>
#include <limits>

#include "core/support/TestProject.h"

using namespace motor;

namespace {

class StoreUtterances : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        project = test::makeProject(dir.filePath(QStringLiteral("p.motor")), 1);
        mediaId = project->clips().value().first().mediaId;
        const char* texts[] = {"Mitä tässä pitää tehdä?", "Katsotaan ohjeesta.", "No niin."};
        for (int i = 0; i < 3; ++i) {
            Utterance u;
            u.mediaId = mediaId;
            u.startMs = 1000 * i;
            u.endMs = 1000 * i + 800;
            u.speaker = QStringLiteral("S%1").arg(i + 1);
            u.text = QString::fromUtf8(texts[i]);
            u.language = QStringLiteral("fi");
            ids << project->addUtterance(u).value();
        }
    }
    QVector<Utterance> all() { return project->utterances(mediaId, 0, std::numeric_limits<int64_t>::max()).value(); }

    QTemporaryDir dir;
    std::unique_ptr<Project> project;
    int64_t mediaId = 0;
    QVector<int64_t> ids;
};

}  // namespace

TEST_F(StoreUtterances, EditTextSpeakerAndTimes) {
    Utterance u = project->utteranceById(ids[1]).value();
    u.text = QStringLiteral("Katsotaan ohjeesta vielä.");
    u.speaker = QStringLiteral("Opettaja");
    u.startMs = 950;
    u.endMs = 1900;
    ASSERT_TRUE(project->updateUtterance(u).ok());
    const Utterance back = project->utteranceById(ids[1]).value();
    EXPECT_EQ(back.text, u.text);
    EXPECT_EQ(back.speaker, QStringLiteral("Opettaja"));
    EXPECT_EQ(back.startMs, 950);
    EXPECT_EQ(back.endMs, 1900);
    EXPECT_EQ(back.language, QStringLiteral("fi"));
}

TEST_F(StoreUtterances, BadTimesAndUnknownUtterancesAreRefusedNamingThem) {
    const auto before = all();
    Utterance u = project->utteranceById(ids[0]).value();
    u.endMs = u.startMs;  // end must come after start
    auto st = project->updateUtterance(u);
    ASSERT_FALSE(st.ok());
    EXPECT_TRUE(st.error().message.contains(QStringLiteral("utterance %1").arg(ids[0])));
    EXPECT_TRUE(st.error().message.contains("after the start"));
    u.startMs = -5;
    u.endMs = 100;
    EXPECT_TRUE(project->updateUtterance(u).error().message.contains("negative"));
    u.id = 999;
    u.startMs = 0;
    EXPECT_TRUE(project->updateUtterance(u).error().message.contains("utterance 999"));
    EXPECT_FALSE(project->splitUtterance(ids[0], 800, 3).ok());  // at the end, not inside
    EXPECT_FALSE(project->splitUtterance(ids[0], 400, 500).ok());
    EXPECT_TRUE(project->mergeUtteranceWithNext(ids[2]).error().message.contains("last one"));
    // Several at once: one unknown id and none is changed.
    EXPECT_FALSE(project->setUtteranceSpeaker({ids[0], 12345}, QStringLiteral("X")).ok());
    const auto after = all();
    ASSERT_EQ(after.size(), before.size());
    for (int i = 0; i < after.size(); ++i) {
        EXPECT_EQ(after[i].text, before[i].text);
        EXPECT_EQ(after[i].speaker, before[i].speaker);
        EXPECT_EQ(after[i].startMs, before[i].startMs);
        EXPECT_EQ(after[i].endMs, before[i].endMs);
    }
}

TEST_F(StoreUtterances, SplitMergeAndSpeakerOfSeveral) {
    auto second = project->splitUtterance(ids[0], 500, 10);  // "Mitä tässä| pitää tehdä?"
    ASSERT_TRUE(second.ok()) << second.error().message.toStdString();
    auto us = all();
    ASSERT_EQ(us.size(), 4);
    EXPECT_EQ(us[0].text, QStringLiteral("Mitä tässä"));
    EXPECT_EQ(us[0].endMs, 500);
    EXPECT_EQ(us[1].id, second.value());
    EXPECT_EQ(us[1].text, QStringLiteral("pitää tehdä?"));
    EXPECT_EQ(us[1].startMs, 500);
    EXPECT_EQ(us[1].endMs, 800);
    EXPECT_EQ(us[1].speaker, QStringLiteral("S1"));

    ASSERT_TRUE(project->mergeUtteranceWithNext(ids[0]).ok());
    us = all();
    ASSERT_EQ(us.size(), 3);
    EXPECT_EQ(us[0].text, QStringLiteral("Mitä tässä pitää tehdä?"));
    EXPECT_EQ(us[0].endMs, 800);
    EXPECT_FALSE(project->utteranceById(second.value()).ok());

    ASSERT_TRUE(project->setUtteranceSpeaker({ids[1], ids[2]}, QStringLiteral("Aino")).ok());
    us = all();
    EXPECT_EQ(us[0].speaker, QStringLiteral("S1"));
    EXPECT_EQ(us[1].speaker, QStringLiteral("Aino"));
    EXPECT_EQ(us[2].speaker, QStringLiteral("Aino"));

    // Undo puts rows back as they were, ids included.
    const Utterance gone = us[2];
    ASSERT_TRUE(project->deleteUtterance(gone.id).ok());
    ASSERT_TRUE(project->restoreUtterances({gone}).ok());
    EXPECT_EQ(project->utteranceById(gone.id).value().text, gone.text);
}

TEST_F(StoreUtterances, InsertIsValidatedAndNamesWhatIsWrong) {
    Utterance u;
    u.id = ids[0];  // ignored: a new row
    u.mediaId = mediaId;
    u.startMs = 850;
    u.endMs = 1000;
    u.speaker = QStringLiteral("S2");
    u.language = QStringLiteral("fi");
    auto added = project->insertUtterance(u);
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_NE(added.value(), ids[0]);
    auto us = all();
    ASSERT_EQ(us.size(), 4);
    EXPECT_EQ(us[1].id, added.value());
    EXPECT_EQ(us[1].startMs, 850);
    EXPECT_EQ(us[1].endMs, 1000);
    EXPECT_EQ(us[1].speaker, QStringLiteral("S2"));
    EXPECT_TRUE(us[1].text.isEmpty());
    EXPECT_EQ(project->utteranceById(ids[0]).value().text, QString::fromUtf8("Mitä tässä pitää tehdä?"));

    u.endMs = u.startMs;
    auto empty = project->insertUtterance(u);
    ASSERT_FALSE(empty.ok());
    EXPECT_TRUE(empty.error().message.contains("new utterance at 850 ms")) << empty.error().message.toStdString();
    EXPECT_TRUE(empty.error().message.contains("after the start"));
    u.startMs = -10;
    EXPECT_TRUE(project->insertUtterance(u).error().message.contains("negative"));
    u.startMs = 0;
    u.endMs = 100;
    u.mediaId = 4242;
    auto noMedia = project->insertUtterance(u);
    ASSERT_FALSE(noMedia.ok());
    EXPECT_TRUE(noMedia.error().message.contains("no media with id 4242")) << noMedia.error().message.toStdString();
    EXPECT_EQ(all().size(), 4);
}
