#pragma once
// One coder scored against a reference on the items both rated: accuracy, per-class
// precision / recall / F1 / support, macro- and weighted-F1.
//
// The averaging follows scikit-learn's f1_score(average=..., zero_division=0) exactly,
// because that is what papers such as MOTOR-Bench report and users will compare with:
//  - the classes averaged are those present in the reference OR the prediction (the
//    union of y_true and y_pred); a codebook class absent from both is not averaged;
//  - a ratio whose denominator is 0 counts as 0 (precision of a class never predicted,
//    recall of a class absent from the reference, F1 when both are 0);
//  - weighted-F1 weights each class's F1 by its support in the reference.
// With no item rated by both coders every score is NaN ("undefined"; JSON null).
#include <vector>

#include "core/metrics/ConfusionMatrix.h"

namespace motor::metrics {

struct ClassScore {
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    long long support = 0;    // items of this class in the reference
    long long predicted = 0;  // items the coder put in this class
    // In the reference or the prediction, hence in the macro average. When false the
    // scores above are meaningless (reported as null) rather than 0.
    bool inAverage = false;
};

struct ClassificationScores {
    long long n = 0;  // items rated by both
    double accuracy = 0.0;
    double macroF1 = 0.0;
    double weightedF1 = 0.0;
    std::vector<ClassScore> perClass;  // codebook order
    ConfusionMatrix confusion;

    static ClassificationScores fromConfusion(const ConfusionMatrix& confusion);
    static ClassificationScores fromTable(const RatingTable& table, int referenceCoder, int predictedCoder);
    // Macro-F1 alone, without allocating; the bootstrap calls it per resample.
    static double macroF1Of(const ConfusionMatrix& confusion);
};

}  // namespace motor::metrics
