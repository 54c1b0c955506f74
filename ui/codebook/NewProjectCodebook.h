#pragma once
// New Project asks which codebook the project starts with: the MOTOR default, another
// project's, a JSON file, or a new one to fill in (the codebook editor opens next).
#include <QDialog>

#include "core/model/Codebook.h"
#include "core/util/Result.h"

class QLineEdit;
class QRadioButton;

namespace motor {
namespace ui {

class NewProjectCodebook : public QDialog {
    Q_OBJECT
public:
    enum class Source { MotorDefault, OtherProject, JsonFile, New };
    explicit NewProjectCodebook(QWidget* parent = nullptr);

    Source source() const;
    void setSource(Source source, const QString& path = {});
    // The chosen codebook; a file that cannot be read is core's message (file and field).
    Result<Codebook> codebook() const;
    // A starting point for Source::New: one dimension with two classes.
    static Codebook starter();

public slots:
    void accept() override;

private:
    QRadioButton* motor_;
    QRadioButton* project_;
    QRadioButton* file_;
    QRadioButton* fresh_;
    QLineEdit* projectPath_;
    QLineEdit* filePath_;
};

}  // namespace ui
}  // namespace motor
