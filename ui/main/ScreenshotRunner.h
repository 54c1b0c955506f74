#pragma once
// `motor-studio PROJECT --screenshot FILE.png --view VIEW`: opens the project without
// dialogs, brings the view into a representative state, waits for its data (media
// loaded, metrics computed) and writes the window to a PNG. Used to make docs/.
#include <QString>

#include "core/util/Result.h"

namespace motor {
namespace ui {

class MainWindow;

class ScreenshotRunner {
public:
    explicit ScreenshotRunner(MainWindow* window) : window_(window) {}
    // view: "browser", "review", "metrics" or "predict".
    Status run(const QString& project, const QString& view, const QString& expert, const QString& pngPath);

private:
    void settle(int ms);
    MainWindow* window_;
};

}  // namespace ui
}  // namespace motor
