#pragma once
// File ▸ Export dataset…: a target folder and which files to write there (labels CSV,
// clips JSONL, ELAN documents, one video per clip). Only collects the choice; the
// writing is DataTransfer's, off the GUI thread.
#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace motor {
namespace ui {

struct ExportChoice {
    QString folder;
    bool csv = true;
    bool jsonl = true;
    bool eaf = false;
    bool clips = false;
    bool wide = false;       // wide.csv: one row per clip, a column per coder x dimension (R, SPSS)
    bool agreement = false;  // agreement.csv (as `motor eval --format csv`), per_class.csv, coefficients.csv
    bool codingLog = false;  // coding_log.csv: every label change with its times
    bool any() const { return csv || jsonl || eaf || clips || wide || agreement || codingLog; }
    int steps() const {
        return int(csv) + int(jsonl) + int(eaf) + int(clips) + int(wide) + int(agreement) + int(codingLog);
    }
};

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // Starts with `initial`'s folder and files (DataTransfer::exportChoice(): the last
    // export of this project, or labels.csv and clips.jsonl beside it).
    explicit ExportDialog(const ExportChoice& initial, QWidget* parent = nullptr);
    ExportChoice choice() const;

private:
    void browse();
    void updateOk();

    QLineEdit* folder_;
    QCheckBox* csv_;
    QCheckBox* jsonl_;
    QCheckBox* eaf_;
    QCheckBox* clips_;
    QCheckBox* wide_;
    QCheckBox* agreement_;
    QCheckBox* codingLog_;
    QDialogButtonBox* buttons_;
};

}  // namespace ui
}  // namespace motor
