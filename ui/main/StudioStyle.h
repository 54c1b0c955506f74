#pragma once
// The application's look: Fusion with a calm light palette and a little stylesheet,
// so screenshots look the same on every desktop.
class QApplication;

namespace motor {
namespace ui {

struct StudioStyle {
    static void apply(QApplication& app);
};

}  // namespace ui
}  // namespace motor
