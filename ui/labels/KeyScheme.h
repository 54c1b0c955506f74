#pragma once
// The keyboard-first labelling scheme: dimension i uses keyboard row i, so an expert's
// left hand never leaves the keys while the right hand is on the transport.
//   dimension 1: 1 2 3 4 5      dimension 2: Q W E R T
//   dimension 3: A S D F G      dimension 4: Z X C V B
// Pressing a class's key again clears that label. Classes beyond the fifth, and
// dimensions beyond the fourth, are labelled with the mouse.
#include <QKeySequence>

namespace motor {
namespace ui {

struct KeyScheme {
    static constexpr int kRows = 4;
    static constexpr int kKeysPerRow = 5;
    // An empty sequence when the (dimension, class) has no key.
    static QKeySequence classKey(int dimensionIndex, int classIndex);
    static QString rowKeysText(int dimensionIndex, int classCount);
};

}  // namespace ui
}  // namespace motor
