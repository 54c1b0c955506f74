#pragma once
// Shared by the agents_*_tests: a small project with Finnish transcripts, and a
// scripted LanguageModel that records what the agents sent.
#include <QCoreApplication>
#include <QStringList>
#include <memory>
#include <optional>

#include "core/agents/LanguageModel.h"
#include "core/store/Project.h"
#include "core/support/TestProject.h"

namespace motor::test {

inline void ensureCoreApp() {
    static int argc = 1;
    static char name[] = "motor_core_tests";
    static char* argv[] = {name, nullptr};
    if (!QCoreApplication::instance()) new QCoreApplication(argc, argv);
}

// `clips` clips of 6 s on one media record, each with two utterances.
inline std::unique_ptr<Project> makeAgentsProject(const QString& path, int clips) {
    auto p = makeProject(path, clips);
    auto all = p->clips();
    const char* lines[] = {
        "onks meillä kaikki mittaukset nyt valmiina?", "tehdään se uudestaan, ei toimi", "haha toi on siisti, toimii!",
        "mä en tiedä mitä tässä pitäis tehdä",         "katsotaan vielä ohjeesta",       "jes, oikein meni"};
    int k = 0;
    for (const auto& c : all.value()) {
        for (int u = 0; u < 2; ++u) {
            Utterance ut;
            ut.mediaId = c.mediaId;
            ut.startMs = c.startMs + 500 + u * 2500;
            ut.endMs = ut.startMs + 2000;
            ut.speaker = u == 0 ? QStringLiteral("S1") : QStringLiteral("S2");
            ut.text = QString::fromUtf8(lines[(k++) % 6]);
            ut.language = QStringLiteral("fi");
            (void)p->addUtterance(ut);
        }
    }
    return p;
}

// Answers every field with the class at (call number + field index) % classes, and
// records every instruction it was given and every prefill.
class ScriptedModel final : public agents::LanguageModel {
public:
    QStringList instructions;
    int prefills = 0;
    int forks = 0;
    int sessionsCreated = 0;
    int calls = 0;
    int failOnCall = -1;                // this call (0-based) fails
    int failFromCall = -1;              // this call and every later one fail
    bool fatal = false;                 // ...with ErrorCode::Fatal (the backend cannot go on)
    std::optional<Error> prepareError;  // prepare() fails with it
    agents::RunNeeds prepared;
    int prepareCalls = 0;

    QString backendName() const override { return QStringLiteral("scripted"); }
    QJsonObject identity() const override { return QJsonObject{{QStringLiteral("name"), QStringLiteral("scripted")}}; }
    agents::LmCapabilities capabilities() const override {
        agents::LmCapabilities c;
        c.prefixSharing = true;
        c.preferredBatch = 3;
        return c;
    }
    Status prepare(const agents::RunNeeds& needs, const agents::CancelFlag*) override {
        ++prepareCalls;
        prepared = needs;
        if (prepareError) return *prepareError;
        return {};
    }
    Result<std::unique_ptr<agents::LmSession>> newSession(const agents::SessionInfo&) override {
        ++sessionsCreated;
        return std::unique_ptr<agents::LmSession>(std::make_unique<Session>(this));
    }

private:
    struct Session final : agents::LmSession {
        explicit Session(ScriptedModel* m) : m(m) {}
        ScriptedModel* m;
        Status prefill(const agents::LmContent&, const agents::CancelFlag*) override {
            ++m->prefills;
            return {};
        }
        Result<std::unique_ptr<agents::LmSession>> fork() const override {
            ++m->forks;
            return std::unique_ptr<agents::LmSession>(std::make_unique<Session>(m));
        }
        Result<agents::LmOutput> generate(const agents::LmRequest& r, const agents::CancelFlag*) override {
            const int call = m->calls++;
            m->instructions << r.instruction.text;
            if (call == m->failOnCall || (m->failFromCall >= 0 && call >= m->failFromCall))
                return m->fatal ? fatalError(QStringLiteral("scripted server gone"))
                                : makeError(QStringLiteral("scripted failure"));
            agents::LmOutput out;
            for (qsizetype i = 0; i < r.constraint.fields.size(); ++i) {
                const auto& f = r.constraint.fields[i];
                agents::LmFieldResult res;
                res.label = f.labels[(call + int(i)) % f.labels.size()];
                res.confidence = 0.5;
                out.fields.insert(f.name, res);
            }
            out.rationale = QStringLiteral("scripted");
            return out;
        }
    };
};

}  // namespace motor::test
