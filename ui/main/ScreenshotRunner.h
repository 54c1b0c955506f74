#pragma once
// `motor-studio PROJECT --screenshot FILE.png --view VIEW`: opens the project without
// dialogs, brings the view into a representative state, waits for its data (media
// loaded, metrics computed) and writes the window to a PNG. Used to make docs/.
#include <QString>

#include "core/util/Result.h"

class QWidget;

namespace motor {
namespace ui {

class MainWindow;

class ScreenshotRunner {
public:
    explicit ScreenshotRunner(MainWindow* window) : window_(window) {}
    // view: "browser", "review", "metrics", "predict", "segment", "codebook", "export"
    // (the export dialog with the statistics tables chosen), "merge" (File ▸ Merge of a
    // copy in which the expert labelled one clip differently: the conflict question) or
    // "blind" (turns blind coding on in the project: the Label view of a coder who has
    // not finished).
    Status run(const QString& project, const QString& view, const QString& expert, const QString& pngPath);

private:
    void settle(int ms);
    // The window with `dialog` over its middle.
    Status shootWithDialog(QWidget* dialog, const QString& pngPath);
    // Labels one of `coder`'s labelled clips with another class, in the file at `projectPath`.
    static Status relabelOneClip(const QString& projectPath, const QString& coder);
    MainWindow* window_;
};

}  // namespace ui
}  // namespace motor
