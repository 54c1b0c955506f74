// The Conflict column and the disagreement queue: experts only by default, all coders on
// request; a model that differs from agreeing experts is flagged, not counted as dissent.
#include <gtest/gtest.h>

#include "core/metrics/ClipConflict.h"

using namespace motor;
using namespace motor::metrics;

namespace {

struct Coders {
    QHash<int64_t, QHash<QString, Annotation>> labels;
    QHash<int64_t, AnnotatorKind> kinds;
    void add(int64_t id, AnnotatorKind kind, const QString& behavior, const QString& emotion = {}) {
        kinds.insert(id, kind);
        auto& byDim = labels[id];
        Annotation a;
        a.annotatorId = id;
        a.dimension = QStringLiteral("behavior");
        a.label = behavior;
        byDim.insert(a.dimension, a);
        if (!emotion.isEmpty()) {
            a.dimension = QStringLiteral("emotion");
            a.label = emotion;
            byDim.insert(a.dimension, a);
        }
    }
};

}  // namespace

TEST(ClipConflict, AModelDifferingFromAgreeingExpertsIsNoConflictAmongExperts) {
    Coders c;
    c.add(1, AnnotatorKind::Human, "Monitoring");
    c.add(2, AnnotatorKind::Human, "Monitoring");
    c.add(3, AnnotatorKind::Baseline, "Controlling");
    c.add(4, AnnotatorKind::Model, "Mixed");
    const Codebook cb = Codebook::motorDefault();
    const ClipConflict experts = computeClipConflict(cb, c.labels, c.kinds);
    EXPECT_FALSE(experts.any());
    EXPECT_EQ(experts.dissentingCoders, 0);
    EXPECT_TRUE(experts.modelDiffersFromExpert);
    const ClipConflict all = computeClipConflict(cb, c.labels, c.kinds, ConflictScope::AllCoders);
    EXPECT_EQ(all.conflictingDimensions, 1);
    EXPECT_EQ(all.dissentingCoders, 2);  // majority Monitoring (2 of 4)
    EXPECT_EQ(all.expertConflictDimensions, 0);
}

TEST(ClipConflict, SplitExpertsAreAConflictInEitherScope) {
    Coders c;
    c.add(1, AnnotatorKind::Human, "Monitoring", "Neutral");
    c.add(2, AnnotatorKind::Human, "Controlling", "Neutral");
    c.add(3, AnnotatorKind::Human, "Controlling", "Positive");
    c.add(4, AnnotatorKind::Model, "Controlling", "Neutral");
    const Codebook cb = Codebook::motorDefault();
    const ClipConflict experts = computeClipConflict(cb, c.labels, c.kinds);
    EXPECT_EQ(experts.conflictingDimensions, 2);
    EXPECT_EQ(experts.expertConflictDimensions, 2);
    EXPECT_EQ(experts.dissentingCoders, 2);       // one per dimension among the three experts
    EXPECT_TRUE(experts.modelDiffersFromExpert);  // experts are split
    const ClipConflict all = computeClipConflict(cb, c.labels, c.kinds, ConflictScope::AllCoders);
    EXPECT_EQ(all.dissentingCoders, 2);  // the model sides with the majority both times
}
