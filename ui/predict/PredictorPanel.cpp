#include "ui/predict/PredictorPanel.h"

#include <QLocale>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "ui/browser/ClipBrowser.h"
#include "ui/main/CodebookText.h"
#include "ui/main/Docs.h"
#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

PredictorPanel::PredictorPanel(ProjectSession* session, ClipBrowser* browser, QWidget* parent)
    : QWidget(parent), session_(session), browser_(browser), job_(new PredictionJob(this)) {
    setObjectName(QStringLiteral("PredictorPanel"));

    backend_ = new QComboBox(this);
    backend_->addItem(tr("Baseline: majority class of an expert"), int(PredictBackend::MajorityBaseline));
    backend_->addItem(tr("Baseline: transcript cue words"), int(PredictBackend::CueBaseline));
    backend_->addItem(tr("Local model (.gguf or Hugging Face folder)"), int(PredictBackend::Local));
    backend_->addItem(tr("OpenAI-compatible server"), int(PredictBackend::OpenAi));

    mode_ = new QComboBox(this);
    // Core's names, so that the run reads the same here, in the CLI and in the provenance.
    mode_->addItem(tr("motor-mas — behavior, cognition, emotion agents"), int(agents::PredictorMode::MotorMas));
    mode_->addItem(tr("single-agent — one prompt for all"), int(agents::PredictorMode::SingleAgent));
    mode_->addItem(tr("no-srl — agents without SRL theory"), int(agents::PredictorMode::NoSrl));
    mode_->addItem(tr("text-only — transcript, no frames"), int(agents::PredictorMode::TextOnly));

    clips_ = new QComboBox(this);
    clips_->addItem(tr("All clips"), int(Clips::All));
    clips_->addItem(tr("Clips no expert has labelled yet"), int(Clips::NoExpertYet));
    clips_->addItem(tr("Clips shown in the browser"), int(Clips::BrowserSelection));
    clips_->setToolTip(tr("Clips this run has already done are skipped, so a cancelled run resumes where it stopped."));

    runName_ = new QLineEdit(this);
    runName_->setPlaceholderText(tr("automatic, e.g. baseline:majority"));
    runName_->setToolTip(tr("The run is stored as a coder of this name. Starting a run of the same name "
                            "again resumes it."));

    // Combo boxes as wide as their longest entry would squeeze the form's labels
    // ("Taustajärj…" in Finnish); they elide instead.
    for (QComboBox* box : {backend_, mode_, clips_}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(18);
    }
    auto* settings = new QGroupBox(tr("Run"), this);
    auto* form = new QFormLayout(settings);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Backend:"), backend_);
    form->addRow(buildBackendPages());
    form->addRow(tr("M&ode:"), mode_);
    form->addRow(tr("C&lips:"), clips_);
    form->addRow(tr("Run &name:"), runName_);

    start_ = new QPushButton(tr("&Start"), this);
    start_->setObjectName(QStringLiteral("PrimaryButton"));
    start_->setDefault(true);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setToolTip(tr("Stops within a second; finished clips stay stored and the run can be resumed."));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(cancel_);
    buttons->addWidget(start_);

    auto* left = new QVBoxLayout;
    left->addWidget(settings);
    left->addLayout(buttons);
    // What a run does to the project, said once where the decision is made.
    auto* about = new QLabel(tr("A run is stored as a coder with its full provenance (backend, model, mode, "
                                "prompts) and is compared with the experts in Review and Metrics. Clips are "
                                "committed one by one: cancelling keeps every finished clip, and starting the "
                                "same run name again resumes it. Frames leave this computer only for a remote "
                                "server you confirm."),
                             this);
    about->setObjectName(QStringLiteral("MutedLabel"));
    about->setWordWrap(true);
    left->addSpacing(8);
    left->addWidget(about);
    left->addStretch(1);
    auto* leftBox = new QWidget(this);
    leftBox->setLayout(left);
    leftBox->setMinimumWidth(400);
    leftBox->setMaximumWidth(460);

    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setFormat(tr("No run yet"));
    status_ = new QLabel(tr("Choose a backend and start a run."), this);
    status_->setObjectName(QStringLiteral("MutedLabel"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    results_ = new QTableWidget(0, 0, this);
    results_->setObjectName(QStringLiteral("PredictResults"));
    results_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    results_->setSelectionBehavior(QAbstractItemView::SelectRows);
    results_->setSelectionMode(QAbstractItemView::SingleSelection);
    results_->setAlternatingRowColors(true);
    results_->verticalHeader()->hide();
    results_->horizontalHeader()->setStretchLastSection(true);
    results_->setToolTip(tr("Double-click a clip to open it"));

    auto* resultsTitle = new QLabel(tr("<b>Results</b> — each clip's labels as it finishes"), this);
    auto* right = new QVBoxLayout;
    right->addWidget(resultsTitle);
    right->addWidget(progress_);
    right->addWidget(status_);
    right->addWidget(results_, 1);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(16);
    layout->addWidget(leftBox);
    layout->addLayout(right, 1);

    connect(backend_, qOverload<int>(&QComboBox::currentIndexChanged), this, &PredictorPanel::updateForm);
    connect(url_, &QLineEdit::textChanged, this, &PredictorPanel::updateForm);
    connect(mode_, qOverload<int>(&QComboBox::currentIndexChanged), this, &PredictorPanel::updateForm);
    connect(start_, &QPushButton::clicked, this, &PredictorPanel::startRun);
    connect(cancel_, &QPushButton::clicked, this, &PredictorPanel::cancelRun);
    connect(job_, &PredictionJob::progressed, this, &PredictorPanel::onProgress);
    connect(job_, &PredictionJob::clipPredicted, this, &PredictorPanel::onClip);
    connect(job_, &PredictionJob::finished, this, &PredictorPanel::onFinished);
    connect(results_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (QTableWidgetItem* item = results_->item(row, 0)) session_->setCurrentClip(item->data(Qt::UserRole).toLongLong());
    });
    connect(session_, &ProjectSession::projectOpened, this, &PredictorPanel::rebuildExperts);
    connect(session_, &ProjectSession::projectOpened, this, &PredictorPanel::updateForm);
    connect(session_, &ProjectSession::projectClosed, this, &PredictorPanel::updateForm);
    connect(session_, &ProjectSession::annotatorsChanged, this, &PredictorPanel::rebuildExperts);
    connect(session_, &ProjectSession::currentExpertChanged, this, &PredictorPanel::rebuildExperts);
    updateForm();
}

QWidget* PredictorPanel::buildBackendPages() {
    pages_ = new QStackedWidget(this);

    auto* majority = new QWidget(pages_);
    auto* mf = new QFormLayout(majority);
    mf->setContentsMargins(0, 0, 0, 0);
    reference_ = new QComboBox(majority);
    mf->addRow(tr("&Expert:"), reference_);
    auto* mNote = new QLabel(tr("Every clip gets the class this expert used most often: the floor a model must beat."),
                             majority);
    mNote->setObjectName(QStringLiteral("MutedLabel"));
    mNote->setWordWrap(true);
    mf->addRow(mNote);
    pages_->addWidget(majority);

    auto* cues = new QLabel(tr("Classifies each clip by SRL cue words in its transcript (Finnish and English); "
                               "each rationale lists the cues found."),
                            pages_);
    cues->setObjectName(QStringLiteral("MutedLabel"));
    cues->setWordWrap(true);
    pages_->addWidget(cues);

    auto* local = new QWidget(pages_);
    auto* lf = new QFormLayout(local);
    lf->setContentsMargins(0, 0, 0, 0);
    modelPath_ = new QLineEdit(local);
    modelPath_->setPlaceholderText(tr("model.gguf or a Hugging Face folder"));
    auto* file = new QPushButton(tr("File…"), local);
    auto* folder = new QPushButton(tr("Folder…"), local);
    auto* row = new QHBoxLayout;
    row->addWidget(modelPath_, 1);
    row->addWidget(file);
    row->addWidget(folder);
    auto* modelLabel = new QLabel(tr("&Model:"), local);
    modelLabel->setBuddy(modelPath_);
    lf->addRow(modelLabel, row);
    connect(file, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getOpenFileName(this, tr("Model file"), modelPath_->text(),
                                                       tr("GGUF models (*.gguf);;All files (*)"));
        if (!p.isEmpty()) modelPath_->setText(p);
    });
    connect(folder, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getExistingDirectory(this, tr("Hugging Face model folder"), modelPath_->text());
        if (!p.isEmpty()) modelPath_->setText(p);
    });
    localHelp_ = new QLabel(local);
    localHelp_->setObjectName(QStringLiteral("MutedLabel"));
    localHelp_->setWordWrap(true);
    localHelp_->setTextFormat(Qt::RichText);
    connect(localHelp_, &QLabel::linkActivated, this, [this](const QString& link) { openHelpLink(link, this); });
    localHelp_->setText(tr("A model is one <b>.gguf</b> file (llama.cpp's format; a vision model has an "
                           "<i>mmproj-….gguf</i> beside it) or a <b>Hugging Face folder</b> with config.json, "
                           "*.safetensors and tokenizer.json. Llama 2/3, Qwen2/2.5 and Qwen3 read the transcript; "
                           "InternVL3.5 also sees the clip's frames. It runs on this computer. %1")
                            .arg(docsLink(QStringLiteral("MODELS.md"), tr("Which models work"))));
    lf->addRow(localHelp_);
    pages_->addWidget(local);

    auto* openai = new QWidget(pages_);
    auto* of = new QFormLayout(openai);
    of->setContentsMargins(0, 0, 0, 0);
    url_ = new QLineEdit(QStringLiteral("http://127.0.0.1:8000/v1"), openai);
    url_->setObjectName(QStringLiteral("PredictUrl"));
    modelName_ = new QLineEdit(openai);
    modelName_->setPlaceholderText(tr("the server's model name"));
    sendFrames_ = new QCheckBox(tr("Send frames to this server"), openai);
    sendFrames_->setToolTip(tr("The server is not this computer: clip frames would leave it. "
                               "Without this, choose text-only or use a local server."));
    of->addRow(tr("&URL:"), url_);
    of->addRow(tr("Mo&del:"), modelName_);
    of->addRow(sendFrames_);
    pages_->addWidget(openai);
    return pages_;
}

void PredictorPanel::rebuildExperts() {
    const QString previous = reference_->currentText();
    reference_->clear();
    if (!session_->isOpen()) return;
    for (const Annotator& a : session_->annotatorsOfKind(AnnotatorKind::Human)) reference_->addItem(a.name);
    int index = reference_->findText(previous);
    if (index < 0) index = reference_->findText(session_->currentExpertName());
    reference_->setCurrentIndex(std::max(0, index));
}

bool PredictorPanel::remoteHost() const {
    const QString host = QUrl(url_->text().trimmed()).host();
    if (host.isEmpty() || host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) return false;
    const QHostAddress address(host);
    return address.isNull() || !address.isLoopback();
}

void PredictorPanel::updateForm() {
    const auto backend = PredictBackend(backend_->currentData().toInt());
    pages_->setCurrentIndex(backend_->currentIndex());
    const bool baseline = backend == PredictBackend::MajorityBaseline || backend == PredictBackend::CueBaseline;
    // Baselines have no agents or prompts; core records their mode as "baseline".
    mode_->setEnabled(!baseline);
    const bool framesWanted = agents::modeUsesFrames(agents::PredictorMode(mode_->currentData().toInt()));
    sendFrames_->setVisible(remoteHost() && framesWanted);
    const bool running = job_->isRunning();
    start_->setEnabled(!running && session_->isOpen());
    cancel_->setEnabled(running);
    for (QWidget* w : {static_cast<QWidget*>(backend_), static_cast<QWidget*>(pages_),
                       static_cast<QWidget*>(clips_), static_cast<QWidget*>(runName_)})
        w->setEnabled(!running);
    if (running) mode_->setEnabled(false);
}

void PredictorPanel::setBackend(PredictBackend backend) {
    backend_->setCurrentIndex(backend_->findData(int(backend)));
}
void PredictorPanel::setReferenceExpert(const QString& name) {
    rebuildExperts();
    reference_->setCurrentIndex(reference_->findText(name));
}
void PredictorPanel::setMode(agents::PredictorMode mode) { mode_->setCurrentIndex(mode_->findData(int(mode))); }
void PredictorPanel::setClips(Clips clips) { clips_->setCurrentIndex(clips_->findData(int(clips))); }
void PredictorPanel::setRunName(const QString& name) { runName_->setText(name); }

PredictConfig PredictorPanel::config() const {
    PredictConfig c;
    c.projectPath = session_->projectPath();
    c.backend = PredictBackend(backend_->currentData().toInt());
    c.referenceExpert = reference_->currentText();
    c.modelPath = modelPath_->text().trimmed();
    c.url = url_->text().trimmed();
    c.modelName = modelName_->text().trimmed();
    c.allowRemoteFrames = sendFrames_->isChecked();  // core asks only for a non-loopback host
    c.mode = agents::PredictorMode(mode_->currentData().toInt());
    switch (Clips(clips_->currentData().toInt())) {
    case Clips::All: c.selection = agents::ClipSelection::All; break;
    case Clips::NoExpertYet: c.selection = agents::ClipSelection::Unlabeled; break;
    case Clips::BrowserSelection:
        c.selection = agents::ClipSelection::List;
        for (qint64 id : browser_->visibleClipIds()) c.clipIds << QString::number(id);
        break;
    }
    c.runName = runName_->text().trimmed();
    return c;
}

void PredictorPanel::startRun() {
    if (!session_->isOpen() || job_->isRunning()) return;
    const PredictConfig c = config();
    QString problem;
    if (c.backend == PredictBackend::MajorityBaseline && c.referenceExpert.isEmpty())
        problem = tr("Choose the expert whose labels the baseline counts.");
    else if (c.backend == PredictBackend::Local && c.modelPath.isEmpty())
        problem = tr("Choose a model file or folder.");
    else if (c.backend == PredictBackend::OpenAi && (c.url.isEmpty() || c.modelName.isEmpty()))
        problem = tr("Enter the server URL and the model name.");
    else if (c.selection == agents::ClipSelection::List && c.clipIds.isEmpty())
        problem = tr("The browser shows no clips.");
    if (!problem.isEmpty()) {
        status_->setText(problem);
        lastMessage_ = problem;
        return;
    }
    results_->clear();
    results_->setRowCount(0);
    QStringList headers{tr("Clip")};
    for (const Dimension& d : session_->codebook().dimensions) headers << dimensionTitle(d);
    headers << tr("Confidence");
    results_->setColumnCount(int(headers.size()));
    results_->setHorizontalHeaderLabels(headers);
    // The labels share the width; clip key and confidence keep to their contents.
    QHeaderView* header = results_->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Stretch);
    header->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(int(headers.size()) - 1, QHeaderView::ResizeToContents);
    progress_->setRange(0, 0);  // busy until core reports the clip count
    status_->setText(tr("Starting…"));
    lastMessage_.clear();
    job_->start(c);
    updateForm();
}

void PredictorPanel::cancelRun() {
    if (!job_->isRunning()) return;
    job_->cancel();
    cancel_->setEnabled(false);
    status_->setText(tr("Cancelling… finished clips stay stored."));
}

QString PredictorPanel::duration(qint64 ms) {
    if (ms < 0) return QStringLiteral("–");
    const qint64 s = ms / 1000;
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

void PredictorPanel::onProgress(int finished, int total, int failed, qint64 elapsedMs, qint64 etaMs) {
    progress_->setFormat(tr("%v / %m clips"));
    progress_->setRange(0, std::max(1, total));
    progress_->setValue(finished);
    QString text = tr("%1 of %n clip(s) · elapsed %2 · about %3 left", nullptr, total)
                       .arg(finished)
                       .arg(duration(elapsedMs), duration(etaMs));
    if (failed > 0) text += QLatin1String(" · ") + tr("%1 failed").arg(failed);
    status_->setText(text);
}

void PredictorPanel::onClip(const PredictedClip& clip) {
    const int row = results_->rowCount();
    results_->insertRow(row);
    auto* key = new QTableWidgetItem(clip.clipKey);
    key->setData(Qt::UserRole, clip.clipId);
    results_->setItem(row, 0, key);
    for (int i = 0; i < clip.labels.size() && i + 1 < results_->columnCount() - 1; ++i)
        results_->setItem(row, i + 1,
                          new QTableWidgetItem(classTitle(session_->codebook(), clip.dimensions.value(i), clip.labels[i])));
    auto* confidence = new QTableWidgetItem(clip.confidence < 0 ? QStringLiteral("–")
                                                                : QLocale().toString(clip.confidence, 'f', 2));
    confidence->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    results_->setItem(row, results_->columnCount() - 1, confidence);
    results_->scrollToBottom();
}

void PredictorPanel::onFinished(bool ok, bool cancelled, const QString& runName, const QString& message) {
    lastMessage_ = message;
    if (progress_->maximum() == 0) progress_->setRange(0, 1);
    if (ok) {
        // The worker wrote through its own connection; the views read the session's index.
        const Status reloaded = session_->reload();
        status_->setText((cancelled ? tr("Run %1 cancelled.") : tr("Run %1 finished.")).arg(runName) +
                         QLatin1Char(' ') + message +
                         (cancelled ? QString() : QLatin1Char(' ') + tr("It is now in Review and Metrics.")));
        if (!reloaded) status_->setText(status_->text() + QLatin1Char('\n') + reloaded.error().message);
    } else {
        status_->setText(tr("The run did not start: %1").arg(message));
    }
    updateForm();
    emit runFinished(ok, cancelled, runName);
}

}  // namespace ui
}  // namespace motor
