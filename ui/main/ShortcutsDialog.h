#pragma once
// F1: every key of the labelling workflow in one table.
#include <QDialog>

namespace motor {
struct Codebook;
}

namespace motor {
namespace ui {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    ShortcutsDialog(const Codebook& codebook, QWidget* parent = nullptr);
};

}  // namespace ui
}  // namespace motor
