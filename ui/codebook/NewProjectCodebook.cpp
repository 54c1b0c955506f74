#include "ui/codebook/NewProjectCodebook.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "core/store/Project.h"
#include "ui/main/FileDialogs.h"

namespace motor {
namespace ui {

NewProjectCodebook::NewProjectCodebook(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("NewProjectCodebook"));
    setWindowTitle(tr("Codebook of the new project"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Which codebook do the coders label with? You can edit it later "
                                    "(Edit ▸ Codebook…)."),
                                 this));
    auto* grid = new QGridLayout;
    motor_ = new QRadioButton(tr("The &MOTOR codebook (behaviour, cognition, emotion)"), this);
    motor_->setObjectName(QStringLiteral("MotorCodebook"));
    project_ = new QRadioButton(tr("&Another project's codebook"), this);
    project_->setObjectName(QStringLiteral("ProjectCodebook"));
    file_ = new QRadioButton(tr("A codebook &file (JSON)"), this);
    file_->setObjectName(QStringLiteral("FileCodebook"));
    fresh_ = new QRadioButton(tr("A &new codebook, edited next"), this);
    fresh_->setObjectName(QStringLiteral("NewCodebook"));
    motor_->setChecked(true);
    projectPath_ = new QLineEdit(this);
    projectPath_->setObjectName(QStringLiteral("CodebookProjectPath"));
    filePath_ = new QLineEdit(this);
    filePath_->setObjectName(QStringLiteral("CodebookFilePath"));
    auto* browseProject = new QPushButton(tr("Browse…"), this);
    auto* browseFile = new QPushButton(tr("Browse…"), this);
    grid->addWidget(motor_, 0, 0, 1, 3);
    grid->addWidget(project_, 1, 0);
    grid->addWidget(projectPath_, 1, 1);
    grid->addWidget(browseProject, 1, 2);
    grid->addWidget(file_, 2, 0);
    grid->addWidget(filePath_, 2, 1);
    grid->addWidget(browseFile, 2, 2);
    grid->addWidget(fresh_, 3, 0, 1, 3);
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewProjectCodebook::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewProjectCodebook::reject);
    connect(browseProject, &QPushButton::clicked, this, [this] {
        const QString p =
            openFileName(this, tr("Another project"), QString(), tr("MOTOR projects (*.motor);;All files (*)"));
        if (!p.isEmpty()) setSource(Source::OtherProject, p);
    });
    connect(browseFile, &QPushButton::clicked, this, [this] {
        const QString p = openFileName(this, tr("A codebook file"), QString(), tr("Codebooks (*.json);;All files (*)"));
        if (!p.isEmpty()) setSource(Source::JsonFile, p);
    });
    connect(projectPath_, &QLineEdit::textEdited, this, [this] { project_->setChecked(true); });
    connect(filePath_, &QLineEdit::textEdited, this, [this] { file_->setChecked(true); });
}

NewProjectCodebook::Source NewProjectCodebook::source() const {
    return project_->isChecked() ? Source::OtherProject
           : file_->isChecked()  ? Source::JsonFile
           : fresh_->isChecked() ? Source::New
                                 : Source::MotorDefault;
}

void NewProjectCodebook::setSource(Source source, const QString& path) {
    (source == Source::OtherProject ? project_
     : source == Source::JsonFile   ? file_
     : source == Source::New        ? fresh_
                                    : motor_)
        ->setChecked(true);
    if (source == Source::OtherProject) projectPath_->setText(path);
    if (source == Source::JsonFile) filePath_->setText(path);
}

Codebook NewProjectCodebook::starter() {
    Codebook cb;
    cb.name = tr("My codebook");
    Dimension d;
    // Placeholder ids without spaces: they become column names (wide.csv's "Anna.dimension_1").
    d.name = tr("dimension_1");
    d.classes = {CodebookClass{tr("class_1"), {}, {}, {}}, CodebookClass{tr("class_2"), {}, {}, {}}};
    cb.dimensions = {d};
    return cb;
}

Result<Codebook> NewProjectCodebook::codebook() const {
    switch (source()) {
        case Source::MotorDefault:
            return Codebook::motorDefault();
        case Source::New:
            return starter();
        case Source::JsonFile:
            if (filePath_->text().trimmed().isEmpty()) return makeError(tr("Choose a codebook file."));
            return Codebook::fromFile(filePath_->text().trimmed());
        case Source::OtherProject: {
            if (projectPath_->text().trimmed().isEmpty()) return makeError(tr("Choose a project."));
            auto other = Project::open(projectPath_->text().trimmed());
            if (!other) return other.error();
            Codebook cb = other.value()->codebook();
            cb.version = 1;  // a new project's history starts here
            return cb;
        }
    }
    return Codebook::motorDefault();
}

void NewProjectCodebook::accept() {
    auto cb = codebook();
    if (!cb) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot use this codebook"), cb.error().message,
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("CodebookChoiceError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    QDialog::accept();
}

}  // namespace ui
}  // namespace motor
