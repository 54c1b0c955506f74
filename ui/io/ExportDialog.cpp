#include "ui/io/ExportDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <iterator>

#include "ui/main/FileDialogs.h"

namespace motor {
namespace ui {

ExportDialog::ExportDialog(const ExportChoice& initial, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Export dataset"));
    setObjectName(QStringLiteral("ExportDialog"));
    folder_ = new QLineEdit(initial.folder, this);
    folder_->setObjectName(QStringLiteral("ExportFolder"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(folder_, 1);
    folderRow->addWidget(browse);

    csv_ = new QCheckBox(tr("Labels as CSV (labels.csv; Import labels reads it back)"), this);
    jsonl_ = new QCheckBox(tr("Clips with transcript and labels as JSONL (clips.jsonl)"), this);
    eaf_ = new QCheckBox(tr("ELAN documents, one per recording (elan/)"), this);
    clips_ = new QCheckBox(tr("Cut every clip into its own video (clips/; slow)"), this);
    wide_ = new QCheckBox(tr("Wide table for R or SPSS: a row per clip, a column per coder and dimension, notes "
                             "included (wide.csv)"),
                          this);
    agreement_ = new QCheckBox(
        tr("Agreement and F1 tables as in the Metrics tab (agreement.csv, per_class.csv, coefficients.csv)"), this);
    codingLog_ =
        new QCheckBox(tr("Coding log: every label change with its time and the clip time (coding_log.csv)"), this);
    csv_->setObjectName(QStringLiteral("ExportCsv"));
    wide_->setObjectName(QStringLiteral("ExportWide"));
    agreement_->setObjectName(QStringLiteral("ExportAgreement"));
    codingLog_->setObjectName(QStringLiteral("ExportCodingLog"));
    csv_->setChecked(initial.csv);
    jsonl_->setChecked(initial.jsonl);
    eaf_->setChecked(initial.eaf);
    clips_->setChecked(initial.clips);
    wide_->setChecked(initial.wide);
    agreement_->setChecked(initial.agreement);
    codingLog_->setChecked(initial.codingLog);

    auto* form = new QFormLayout;
    auto* folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(folder_);
    form->addRow(folderLabel, folderRow);
    auto* formats = new QVBoxLayout;
    for (QCheckBox* c : {csv_, wide_, agreement_, codingLog_, jsonl_, eaf_, clips_}) {
        formats->addWidget(c);
        connect(c, &QCheckBox::toggled, this, &ExportDialog::updateOk);
    }
    form->addRow(tr("Write:"), formats);

    auto* note = new QLabel(tr("Existing files of the same name in the folder are replaced."), this);
    note->setObjectName(QStringLiteral("MutedLabel"));
    note->setWordWrap(true);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons_);

    // Tab in the order shown.
    QWidget* order[] = {folder_,
                        browse,
                        csv_,
                        wide_,
                        agreement_,
                        codingLog_,
                        jsonl_,
                        eaf_,
                        clips_,
                        buttons_->button(QDialogButtonBox::Ok),
                        buttons_->button(QDialogButtonBox::Cancel)};
    for (size_t i = 1; i < std::size(order); ++i) QWidget::setTabOrder(order[i - 1], order[i]);

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(folder_, &QLineEdit::textChanged, this, &ExportDialog::updateOk);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
    resize(640, sizeHint().height());
}

void ExportDialog::browse() {
    const QString dir = existingDirectory(this, tr("Export folder"), folder_->text());
    if (!dir.isEmpty()) folder_->setText(dir);
}

void ExportDialog::updateOk() {
    const ExportChoice c = choice();
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(!c.folder.isEmpty() && c.any());
}

ExportChoice ExportDialog::choice() const {
    ExportChoice c;
    c.folder = folder_->text().trimmed();
    c.csv = csv_->isChecked();
    c.jsonl = jsonl_->isChecked();
    c.eaf = eaf_->isChecked();
    c.clips = clips_->isChecked();
    c.wide = wide_->isChecked();
    c.agreement = agreement_->isChecked();
    c.codingLog = codingLog_->isChecked();
    return c;
}

}  // namespace ui
}  // namespace motor
