#include "ui/main/ExpertDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace motor {
namespace ui {
namespace {
QString settingsKey(const QString& projectPath) {
    // Paths contain '/' which QSettings treats as groups; hash them into one key.
    const QByteArray canonical = QFileInfo(projectPath).absoluteFilePath().toUtf8();
    return QStringLiteral("experts/") +
           QString::fromLatin1(QCryptographicHash::hash(canonical, QCryptographicHash::Sha1).toHex().left(16));
}
}  // namespace

ExpertDialog::ExpertDialog(const QStringList& experts, const QString& suggestion, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Who is labelling?"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Your labels are stored under this name. Pick your name or type a new one."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    names_ = new QComboBox(this);
    names_->setEditable(true);
    names_->addItems(experts);
    names_->setCurrentIndex(-1);  // no name until one is picked or typed (or suggested)
    names_->setCurrentText(suggestion);
    names_->lineEdit()->setPlaceholderText(tr("e.g. Expert A"));
    names_->setMinimumWidth(260);
    form->addRow(tr("&Coder:"), names_);
    layout->addLayout(form);
    askEveryOpen_ = new QCheckBox(tr("Ask every time a project opens (a shared computer)"), this);
    askEveryOpen_->setChecked(askEveryOpen());
    connect(askEveryOpen_, &QCheckBox::toggled, this, [](bool on) { setAskEveryOpen(on); });
    layout->addWidget(askEveryOpen_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    auto updateOk = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!names_->currentText().trimmed().isEmpty());
    };
    connect(names_, &QComboBox::currentTextChanged, this, updateOk);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
}

QString ExpertDialog::expertName() const {
    return names_->currentText().trimmed();
}

QString ExpertDialog::remembered(const QString& projectPath) {
    return QSettings().value(settingsKey(projectPath)).toString();
}

void ExpertDialog::remember(const QString& projectPath, const QString& expert) {
    QSettings().setValue(settingsKey(projectPath), expert);
}

bool ExpertDialog::askEveryOpen() {
    return QSettings().value(QStringLiteral("coders/askEveryOpen"), false).toBool();
}

void ExpertDialog::setAskEveryOpen(bool ask) {
    QSettings().setValue(QStringLiteral("coders/askEveryOpen"), ask);
}

}  // namespace ui
}  // namespace motor
