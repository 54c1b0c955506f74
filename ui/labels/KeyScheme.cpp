#include "ui/labels/KeyScheme.h"

#include <QStringList>

namespace motor {
namespace ui {
namespace {
constexpr Qt::Key kKeys[KeyScheme::kRows][KeyScheme::kKeysPerRow] = {
    {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5},
    {Qt::Key_Q, Qt::Key_W, Qt::Key_E, Qt::Key_R, Qt::Key_T},
    {Qt::Key_A, Qt::Key_S, Qt::Key_D, Qt::Key_F, Qt::Key_G},
    {Qt::Key_Z, Qt::Key_X, Qt::Key_C, Qt::Key_V, Qt::Key_B},
};
}  // namespace

QKeySequence KeyScheme::classKey(int dimensionIndex, int classIndex) {
    if (dimensionIndex < 0 || dimensionIndex >= kRows || classIndex < 0 || classIndex >= kKeysPerRow) return {};
    return QKeySequence(kKeys[dimensionIndex][classIndex]);
}

QString KeyScheme::rowKeysText(int dimensionIndex, int classCount) {
    QStringList keys;
    for (int c = 0; c < classCount; ++c) {
        const QKeySequence k = classKey(dimensionIndex, c);
        if (!k.isEmpty()) keys << k.toString(QKeySequence::NativeText);
    }
    return keys.join(QLatin1Char(' '));
}

}  // namespace ui
}  // namespace motor
