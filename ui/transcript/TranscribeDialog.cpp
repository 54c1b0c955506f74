#include "ui/transcript/TranscribeDialog.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "core/agents/OpenAiModel.h"
#include "core/agents/local/LocalModel.h"
#include "ui/main/FileDialogs.h"
#include "ui/main/ProjectSession.h"
#include "ui/transcript/TranscriptionJob.h"

namespace motor {
namespace ui {
namespace {

QString clock(double seconds) {
    const int s = int(seconds + 0.5);
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

}  // namespace

QStringList TranscribeDialog::modelsInFolder() {
    const QDir dir(agents::modelsDirectory());
    QStringList out;
    for (const QFileInfo& f : dir.entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name)) {
        const bool whisperFolder = f.isDir() && QFileInfo::exists(f.filePath() + QStringLiteral("/config.json")) &&
                                   f.fileName().contains(QLatin1String("whisper"), Qt::CaseInsensitive);
        const bool ggml = f.isFile() && f.fileName().startsWith(QLatin1String("ggml")) &&
                          f.fileName().endsWith(QLatin1String(".bin"));
        if (whisperFolder || ggml) out << f.fileName();
    }
    return out;
}

TranscribeDialog::TranscribeDialog(ProjectSession* session, QWidget* parent)
    : QDialog(parent), session_(session), job_(new TranscriptionJob(this)) {
    setObjectName(QStringLiteral("TranscribeDialog"));
    setWindowTitle(tr("Transcribe recording"));
    setModal(false);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    layout->addLayout(form);

    media_ = new QComboBox(this);
    media_->setObjectName(QStringLiteral("TranscribeMedia"));
    if (session_->project())
        if (auto all = session_->project()->media())
            for (const Media& m : all.value()) media_->addItem(m.path, QVariant::fromValue<qint64>(m.id));
    form->addRow(tr("&Recording:"), media_);

    backend_ = new QComboBox(this);
    backend_->setObjectName(QStringLiteral("TranscribeBackend"));
    backend_->addItem(tr("This computer (Whisper model)"), QStringLiteral("local"));
    backend_->addItem(tr("A server (OpenAI-compatible /v1/audio/transcriptions)"), QStringLiteral("openai"));
    form->addRow(tr("Run &on:"), backend_);

    pages_ = new QStackedWidget(this);
    auto* local = new QWidget(pages_);
    auto* lf = new QHBoxLayout(local);
    lf->setContentsMargins(0, 0, 0, 0);
    model_ = new QComboBox(local);
    model_->setObjectName(QStringLiteral("TranscribeModel"));
    model_->setEditable(true);
    model_->setMinimumContentsLength(28);  // room for a path while the models folder is empty
    model_->addItems(modelsInFolder());
    model_->lineEdit()->setPlaceholderText(tr("a model's name, a Hugging Face folder or a ggml file"));
    model_->setToolTip(tr("A Whisper model: a Hugging Face folder, a whisper.cpp ggml file, or its name in %1")
                           .arg(QDir::toNativeSeparators(agents::modelsDirectory())));
    auto* folder = new QPushButton(tr("Folder…"), local);
    auto* file = new QPushButton(tr("File…"), local);
    lf->addWidget(model_, 1);
    lf->addWidget(folder);
    lf->addWidget(file);
    connect(folder, &QPushButton::clicked, this, [this] {
        const QString p = existingDirectory(this, tr("Whisper model folder"), model_->currentText());
        if (!p.isEmpty()) model_->setCurrentText(p);
    });
    connect(file, &QPushButton::clicked, this, [this] {
        const QString p = openFileName(this, tr("whisper.cpp model file"), model_->currentText(),
                                       tr("ggml models (*.bin);;All files (*)"));
        if (!p.isEmpty()) model_->setCurrentText(p);
    });
    pages_->addWidget(local);
    auto* server = new QWidget(pages_);
    auto* sf = new QFormLayout(server);
    sf->setContentsMargins(0, 0, 0, 0);
    url_ = new QLineEdit(QStringLiteral("http://127.0.0.1:8000/v1"), server);
    url_->setObjectName(QStringLiteral("TranscribeUrl"));
    serverModel_ = new QLineEdit(QStringLiteral("whisper-1"), server);
    serverModel_->setObjectName(QStringLiteral("TranscribeServerModel"));
    sendAudio_ = new QCheckBox(tr("Send the recording's audio to this server"), server);
    sendAudio_->setObjectName(QStringLiteral("TranscribeSendAudio"));
    sf->addRow(tr("&URL:"), url_);
    sf->addRow(tr("Model &name:"), serverModel_);
    sf->addRow(sendAudio_);
    pages_->addWidget(server);
    form->addRow(tr("&Model:"), pages_);
    // Where a model on this computer runs: auto takes the GPU when the CUDA plugin can
    // load the model there (the result says where it ran), the CPU otherwise.
    device_ = new QComboBox(this);
    device_->setObjectName(QStringLiteral("TranscribeDevice"));
    device_->addItem(tr("auto (the GPU when it can)"), QStringLiteral("auto"));
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    device_->addItem(tr("GPU (CUDA)"), QStringLiteral("cuda"));
    form->addRow(tr("De&vice:"), device_);
    form_ = form;

    language_ = new QComboBox(this);
    language_->setObjectName(QStringLiteral("TranscribeLanguage"));
    language_->addItem(tr("Detect"), QString());
    language_->addItem(tr("Finnish"), QStringLiteral("fi"));
    language_->addItem(tr("English"), QStringLiteral("en"));
    form->addRow(tr("&Language:"), language_);

    existing_ = new QLabel(this);
    existing_->setWordWrap(true);
    replace_ = new QRadioButton(tr("Re&place it"), this);
    replace_->setObjectName(QStringLiteral("TranscribeReplace"));
    add_ = new QRadioButton(tr("A&dd the new utterances beside it"), this);
    add_->setObjectName(QStringLiteral("TranscribeAdd"));
    replace_->setChecked(true);
    layout->addWidget(existing_);
    layout->addWidget(replace_);
    layout->addWidget(add_);

    progress_ = new QProgressBar(this);
    progress_->setObjectName(QStringLiteral("TranscribeProgress"));
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setVisible(false);  // shown from the first run on: an empty bar says nothing
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("TranscribeStatus"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(progress_);
    layout->addWidget(status_);

    auto* buttons = new QDialogButtonBox(this);
    startButton_ = buttons->addButton(tr("&Transcribe"), QDialogButtonBox::AcceptRole);
    startButton_->setObjectName(QStringLiteral("TranscribeStart"));
    cancelButton_ = buttons->addButton(tr("&Cancel"), QDialogButtonBox::RejectRole);
    cancelButton_->setObjectName(QStringLiteral("TranscribeCancel"));
    layout->addWidget(buttons);
    connect(startButton_, &QPushButton::clicked, this, &TranscribeDialog::start);
    connect(cancelButton_, &QPushButton::clicked, this, &TranscribeDialog::reject);

    connect(media_, &QComboBox::currentIndexChanged, this, &TranscribeDialog::updateForm);
    connect(backend_, &QComboBox::currentIndexChanged, this, &TranscribeDialog::updateForm);
    connect(url_, &QLineEdit::textChanged, this, &TranscribeDialog::updateForm);
    connect(job_, &TranscriptionJob::uploaded, this, [this](qint64 sentBytes, qint64 totalBytes, double eta) {
        if (sentBytes < totalBytes) {
            progress_->setRange(0, 1000);
            progress_->setValue(int(1000 * sentBytes / std::max<qint64>(1, totalBytes)));
            QString text = tr("Uploading the audio: %1 of %2 MB")
                               .arg(double(sentBytes) / 1e6, 0, 'f', 1)
                               .arg(double(totalBytes) / 1e6, 0, 'f', 1);
            if (eta >= 0) text += QLatin1String(", ") + tr("about %1 left").arg(clock(eta));
            status_->setText(text);
            return;
        }
        progress_->setRange(0, 0);  // busy: the server says nothing until it answers
        status_->setText(tr("Uploaded; the server is transcribing…"));
    });
    connect(job_, &TranscriptionJob::progressed, this, [this](qint64 doneMs, qint64 totalMs, double eta) {
        progress_->setRange(0, 1000);
        progress_->setValue(totalMs > 0 ? int(1000 * doneMs / totalMs) : 0);
        QString text = tr("%1 of %2 transcribed").arg(clock(double(doneMs) / 1000.0), clock(double(totalMs) / 1000.0));
        if (eta >= 0) text += QLatin1String(", ") + tr("about %1 left").arg(clock(eta));
        status_->setText(text);
    });
    connect(job_, &TranscriptionJob::finished, this, &TranscribeDialog::onFinished);
    updateForm();
}

void TranscribeDialog::setMedia(qint64 mediaId) {
    const int i = media_->findData(QVariant::fromValue<qint64>(mediaId));
    if (i >= 0) media_->setCurrentIndex(i);
}

bool TranscribeDialog::isRunning() const {
    return job_->isRunning();
}

void TranscribeDialog::updateForm() {
    const bool server = backend_->currentData().toString() == QLatin1String("openai");
    pages_->setCurrentIndex(server ? 1 : 0);
    // The model row as tall as the page shown (a stack is as tall as its tallest page).
    for (int i = 0; i < pages_->count(); ++i)
        pages_->widget(i)->setSizePolicy(QSizePolicy::Preferred,
                                         i == pages_->currentIndex() ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    form_->setRowVisible(device_, !server);
    const QUrl url(url_->text().trimmed());
    const bool remote = server && url.isValid() && !url.host().isEmpty() && !agents::isLoopbackHost(url.host());
    sendAudio_->setVisible(remote);
    sendAudio_->setToolTip(
        tr("The recording's audio would leave this computer for %1. Without this, transcribe on this computer.")
            .arg(url.host()));
    const int existing = existingUtterances();
    existing_->setText(tr("This recording has a transcript of %n utterance(s):", nullptr, existing));
    for (QWidget* w : {static_cast<QWidget*>(existing_), static_cast<QWidget*>(replace_), static_cast<QWidget*>(add_)})
        w->setVisible(existing > 0);
    const bool running = job_->isRunning();
    startButton_->setEnabled(!running && media_->count() > 0);
    cancelButton_->setText(running ? tr("&Cancel") : tr("&Close"));
}

Result<speech::TranscribeOptions> TranscribeDialog::options() const {
    speech::TranscribeOptions o;
    if (media_->currentIndex() < 0) return makeError(tr("The project has no recording."));
    o.mediaPath = media_->currentText();
    o.language = language_->currentData().toString();
    o.merge = replace_->isHidden()    ? io::TranscriptMerge::IfEmpty
              : replace_->isChecked() ? io::TranscriptMerge::Replace
                                      : io::TranscriptMerge::Add;
    if (backend_->currentData().toString() == QLatin1String("openai")) {
        o.backend = speech::SpeechBackend::OpenAi;
        o.server.url = QUrl(url_->text().trimmed());
        o.server.model = serverModel_->text().trimmed();
        if (o.server.model.isEmpty()) return makeError(tr("Give the name the server serves its model under."));
        const bool allow = sendAudio_->isChecked();
        o.confirmRemoteAudio = [allow](const QString&) { return allow; };
        //: How to allow sending the audio: %3 in "openai: sending %1 to %2, which is not this machine, ...".
        o.howToAllowRemoteAudio = tr("(tick \"%1\"), or transcribe on this computer").arg(sendAudio_->text());
    } else {
        o.model = model_->currentText().trimmed();
        if (o.model.isEmpty()) return makeError(tr("Choose a Whisper model (a folder, a ggml file or a name)."));
        o.beamSize = 5;
        o.device = device_->currentData().toString();
    }
    return o;
}

int TranscribeDialog::existingUtterances() const {
    if (!session_->project() || media_->currentIndex() < 0) return 0;
    auto us =
        session_->project()->utterances(media_->currentData().toLongLong(), 0, std::numeric_limits<int64_t>::max());
    return us ? int(us->size()) : 0;
}

void TranscribeDialog::start() {
    if (job_->isRunning() || !session_->project()) return;
    auto o = options();
    if (!o) {
        status_->setText(o.error().message);
        return;
    }
    // A transcript corrected by hand is hours of work, and replacing it is not undone:
    // asked once more, Cancel the default.
    if (const int existing = existingUtterances(); existing > 0 && replace_->isChecked()) {
        QMessageBox box(QMessageBox::Warning, tr("Replace the transcript?"),
                        tr("This replaces the %n utterance(s) of %1, corrections made by hand included, and cannot "
                           "be undone. \"Add the new utterances beside it\" keeps them.",
                           nullptr, existing)
                            .arg(media_->currentText()),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("TranscribeConfirmReplace"));
        QPushButton* replace = box.addButton(tr("Replace"), QMessageBox::DestructiveRole);
        box.setDefaultButton(box.addButton(QMessageBox::Cancel));
        box.exec();
        if (box.clickedButton() != replace) return;
    }
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setVisible(true);
    status_->setText(tr("Starting…"));
    session_->beginLocalWrites();
    if (!job_->start(session_->projectPath(), o.value())) session_->endLocalWrites();
    updateForm();
}

void TranscribeDialog::cancel() {
    if (!job_->isRunning()) return;
    job_->cancel();
    status_->setText(tr("Cancelling…"));
}

void TranscribeDialog::onFinished(bool ok, bool, const QString& message, qint64 mediaId) {
    session_->endLocalWrites();
    progress_->setRange(0, 1000);
    progress_->setValue(ok ? 1000 : 0);
    status_->setText(message);
    updateForm();
    if (ok) emit transcribed(mediaId);
}

void TranscribeDialog::reject() {
    if (job_->isRunning()) {
        cancel();
        return;
    }
    QDialog::reject();
}

void TranscribeDialog::closeEvent(QCloseEvent* event) {
    if (job_->isRunning()) {
        cancel();
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

}  // namespace ui
}  // namespace motor
