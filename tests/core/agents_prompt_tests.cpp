#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include "core/agents/OpenAiModel.h"
#include "core/agents/PromptBuilder.h"
#include "core/agents/ReplyParser.h"

using namespace motor;
using namespace motor::agents;

namespace {

PromptLibrary library() {
    auto lib = PromptLibrary::load();
    EXPECT_TRUE(lib.ok()) << qPrintable(lib.error().message);
    return lib.value();
}

ClipContext sampleClip() {
    ClipContext c;
    c.clip.key = QStringLiteral("g1-007");
    c.clip.startMs = 10000;
    c.clip.endMs = 16000;
    c.clip.group = QStringLiteral("G1");
    Utterance u;
    u.startMs = 11000;
    u.speaker = QStringLiteral("S2");
    u.text = QStringLiteral("tehdään se uudestaan");
    c.transcript.push_back(u);
    return c;
}

}  // namespace

TEST(AgentsPrompts, BuiltInTemplatesAreVersionedAndHashed) {
    const PromptLibrary lib = library();
    for (const char* name :
         {"system", "system_generic", "context", "agent_behavior", "agent_cognition", "agent_emotion",
          "agent_generic_srl", "agent_no_srl", "single_agent", "anchors", "output_format"}) {
        const PromptTemplate* t = lib.find(QString::fromLatin1(name));
        ASSERT_NE(t, nullptr) << name;
        EXPECT_EQ(t->sha256.size(), 64) << name;
        EXPECT_FALSE(t->text.contains(QLatin1String("##"))) << name << ": comments are not sent";
    }
}

TEST(AgentsPrompts, EveryModeFillsEveryPlaceholder) {
    for (PredictorMode m :
         {PredictorMode::MotorMas, PredictorMode::SingleAgent, PredictorMode::NoSrl, PredictorMode::TextOnly}) {
        PromptBuilder b(Codebook::motorDefault(), m, library());
        ASSERT_TRUE(b.system().ok());
        auto ctx = b.context(sampleClip());
        ASSERT_TRUE(ctx.ok()) << qPrintable(ctx.error().message);
        EXPECT_TRUE(ctx->text.contains(QStringLiteral("[1.0 s] S2: tehdään se uudestaan"))) << qPrintable(ctx->text);
        EXPECT_TRUE(ctx->text.contains(QStringLiteral("No video frames")));
        if (m == PredictorMode::SingleAgent) {
            auto r = b.singleAgentRequest();
            ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
            EXPECT_EQ(r->constraint.fields.size(), 3);
            EXPECT_TRUE(r->instruction.text.contains(QStringLiteral("\"emotion\": one of")));
            continue;
        }
        for (const auto& d : b.codebook().dimensions) {
            auto r = b.agentRequest(d, {Anchor{QStringLiteral("behavior"), QStringLiteral("Controlling")}});
            ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
            EXPECT_FALSE(r->instruction.text.contains(QLatin1String("{{")));
            for (const auto& c : d.classes) EXPECT_TRUE(r->instruction.text.contains(c.definition));
            EXPECT_TRUE(r->instruction.text.contains(QStringLiteral("- behavior: Controlling")));
            EXPECT_EQ(r->constraint.fields.size(), 1);
            EXPECT_EQ(r->constraint.fields[0].labels, d.classNames());
            EXPECT_EQ(r->instruction.text.contains(QStringLiteral("SRL guidance")), m != PredictorMode::NoSrl);
        }
    }
}

TEST(AgentsPrompts, SrlAgentsCarryTheirTheory) {
    PromptBuilder b(Codebook::motorDefault(), PredictorMode::MotorMas, library());
    const Codebook& cb = b.codebook();
    EXPECT_TRUE(
        b.agentRequest(*cb.dimension("behavior"), {})->instruction.text.contains(QStringLiteral("directional intent")));
    EXPECT_TRUE(b.agentRequest(*cb.dimension("cognition"), {})->instruction.text.contains(QStringLiteral("polarity")));
    EXPECT_TRUE(b.agentRequest(*cb.dimension("emotion"), {})
                    ->instruction.text.contains(QStringLiteral("explicit emotional markers")));
    EXPECT_TRUE(b.templatesUsed().contains(QStringLiteral("agent_behavior")));
    EXPECT_EQ(b.templateHashes().size(), b.templatesUsed().size());
}

TEST(AgentsPrompts, AnotherCodebookGetsWorkingPrompts) {
    auto cb = Codebook::fromJson(R"({"name":"Talk","version":3,"dimensions":[
        {"name":"engagement","description":"How engaged the group is.","classes":[
          {"name":"High","definition":"Everyone contributes."},{"name":"Low","definition":"Nobody talks."}]}]})",
                                 QStringLiteral("talk.json"));
    ASSERT_TRUE(cb.ok()) << qPrintable(cb.error().message);
    PromptBuilder b(cb.value(), PredictorMode::MotorMas, library());
    auto r = b.agentRequest(cb->dimensions[0], {});
    ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_TRUE(r->instruction.text.contains(QStringLiteral("Everyone contributes.")));
    EXPECT_TRUE(b.templatesUsed().contains(QStringLiteral("agent_generic_srl")));
    EXPECT_TRUE(b.system()->text.contains(QStringLiteral("Talk codebook (version 3)")));
}

TEST(AgentsPrompts, OverrideFolderReplacesOneTemplateAndChangesItsHash) {
    QTemporaryDir dir;
    QFile f(QDir(dir.path()).filePath(QStringLiteral("agent_emotion.txt")));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("Custom emotion task for {{dimension}}.\n{{anchors}}\n{{classes}}\n{{output_format}}\n");
    f.close();
    auto lib = PromptLibrary::load(dir.path());
    ASSERT_TRUE(lib.ok());
    EXPECT_NE(lib->find("agent_emotion")->sha256, library().find("agent_emotion")->sha256);
    EXPECT_EQ(lib->find("agent_behavior")->sha256, library().find("agent_behavior")->sha256);
    PromptBuilder b(Codebook::motorDefault(), PredictorMode::MotorMas, lib.value());
    EXPECT_TRUE(b.agentRequest(*b.codebook().dimension("emotion"), {})
                    ->instruction.text.startsWith(QStringLiteral("Custom emotion task for emotion.")));
}

TEST(AgentsPrompts, UnknownPlaceholderIsAnError) {
    auto r = fillPlaceholders(QStringLiteral("a {{nope}} b"), {}, QStringLiteral("x.txt"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("x.txt: unknown placeholder {{nope}}")));
}

TEST(AgentsReplyParser, AcceptsFencedJsonAndNormalisesCase) {
    LmConstraint c;
    c.fields.push_back({QStringLiteral("behavior"), {QStringLiteral("Monitoring"), QStringLiteral("Controlling")}});
    c.maxRationaleChars = 20;
    auto r = parseReply(QStringLiteral("Sure!\n```json\n{\"label\": \" controlling\", \"rationale\": \"they propose to "
                                       "redo the measurement now\"}\n```"),
                        c);
    ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_EQ(r->fields.value("behavior").label, "Controlling");
    EXPECT_LE(r->rationale.size(), 20);
}

TEST(AgentsReplyParser, RejectsLabelsOutsideTheCodebookAndMalformedJson) {
    LmConstraint c;
    c.fields.push_back({QStringLiteral("emotion"), {QStringLiteral("Positive"), QStringLiteral("Neutral")}});
    auto outside = parseReply(QStringLiteral("{\"label\": \"Happy\", \"rationale\": \"x\"}"), c);
    ASSERT_FALSE(outside.ok());
    EXPECT_TRUE(outside.error().message.contains(QStringLiteral("\"Happy\" is not one of Positive, Neutral")));
    EXPECT_FALSE(parseReply(QStringLiteral("{\"label\": \"Positive\""), c).ok());
    EXPECT_FALSE(parseReply(QStringLiteral("Neutral"), c).ok());
    c.fields.push_back({QStringLiteral("cognition"), {QStringLiteral("Mixed")}});
    auto multi =
        parseReply(QStringLiteral("{\"emotion\": \"Neutral\", \"cognition\": \"Mixed\", \"rationale\": \"\"}"), c);
    ASSERT_TRUE(multi.ok()) << qPrintable(multi.error().message);
    EXPECT_EQ(multi->fields.value("cognition").label, "Mixed");
}

TEST(AgentsReplyParser, JsonSchemaHasTheLabelEnum) {
    LmConstraint c;
    c.fields.push_back({QStringLiteral("behavior"), {QStringLiteral("Monitoring"), QStringLiteral("Mixed")}});
    c.maxRationaleChars = 120;
    const QJsonObject rf = responseFormatFor(c);
    EXPECT_EQ(rf.value("type").toString(), "json_schema");
    const QJsonObject schema = rf.value("json_schema").toObject().value("schema").toObject();
    EXPECT_EQ(schema.value("properties").toObject().value("label").toObject().value("enum").toArray().size(), 2);
    EXPECT_EQ(schema.value("properties").toObject().value("rationale").toObject().value("maxLength").toInt(), 120);
}
