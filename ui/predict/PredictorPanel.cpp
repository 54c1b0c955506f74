#include "ui/predict/PredictorPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <cmath>

#include "core/agents/OpenAiModel.h"
#include "motor/gpu/weights.h"
#include "ui/browser/ClipBrowser.h"
#include "ui/browser/ThumbnailLoader.h"
#include "ui/main/CodebookText.h"
#include "ui/main/Docs.h"
#include "ui/main/FileDialogs.h"
#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

using agents::BackendKind;

namespace {
constexpr int kFrameThumbWidth = 112;
constexpr int kFramesRole = Qt::UserRole + 1;  // QVariantList of frame times (ms) on the clip's row

QLabel* buddyLabel(const QString& text, QWidget* buddy, QWidget* parent) {
    auto* l = new QLabel(text, parent);
    l->setBuddy(buddy);
    return l;
}
}  // namespace

PredictorPanel::PredictorPanel(ProjectSession* session, ClipBrowser* browser, QWidget* parent)
    : QWidget(parent),
      session_(session),
      browser_(browser),
      job_(new PredictionJob(this)),
      frameLoader_(new ThumbnailLoader(this, kFrameThumbWidth)) {
    setObjectName(QStringLiteral("PredictorPanel"));

    backend_ = new QComboBox(this);
    backend_->addItem(tr("Baseline: majority class of an expert"), int(BackendKind::MajorityBaseline));
    backend_->addItem(tr("Baseline: transcript cue words"), int(BackendKind::CueBaseline));
    backend_->addItem(tr("Local model (.gguf or Hugging Face folder)"), int(BackendKind::Local));
    backend_->addItem(tr("OpenAI-compatible server"), int(BackendKind::OpenAi));

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
    runName_->setObjectName(QStringLiteral("RunName"));
    runName_->setToolTip(
        tr("The run is stored as a coder of this name. Starting a run of the same name "
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

    advancedToggle_ = new QToolButton(this);
    advancedToggle_->setObjectName(QStringLiteral("AdvancedToggle"));
    advancedToggle_->setText(tr("Advanced"));
    advancedToggle_->setCheckable(true);
    advancedToggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advancedToggle_->setArrowType(Qt::RightArrow);
    advancedToggle_->setAutoRaise(true);
    advanced_ = buildAdvanced();
    advanced_->setVisible(false);
    connect(advancedToggle_, &QToolButton::toggled, this, [this](bool on) {
        advanced_->setVisible(on);
        advancedToggle_->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });

    start_ = new QPushButton(tr("&Start"), this);
    start_->setObjectName(QStringLiteral("PrimaryButton"));
    start_->setDefault(true);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setToolTip(tr("Stops within a second; finished clips stay stored and the run can be resumed."));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(advancedToggle_);
    buttons->addStretch(1);
    buttons->addWidget(cancel_);
    buttons->addWidget(start_);

    auto* left = new QVBoxLayout;
    left->addWidget(settings);
    left->addWidget(advanced_);
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
    leftBox->setMinimumWidth(420);
    leftBox->setMaximumWidth(500);

    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setFormat(tr("No run yet"));
    status_ = new QLabel(tr("Choose a backend and start a run."), this);
    status_->setObjectName(QStringLiteral("MutedLabel"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Where the model runs (the GPU, or the CPU and why not the GPU), once it is loaded.
    where_ = new QLabel(this);
    where_->setObjectName(QStringLiteral("PredictWhere"));
    where_->setWordWrap(true);
    where_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    where_->setVisible(false);

    results_ = new QTableWidget(0, 0, this);
    results_->setObjectName(QStringLiteral("PredictResults"));
    results_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    results_->setSelectionBehavior(QAbstractItemView::SelectRows);
    results_->setSelectionMode(QAbstractItemView::SingleSelection);
    results_->setAlternatingRowColors(true);
    results_->verticalHeader()->hide();
    results_->horizontalHeader()->setStretchLastSection(true);
    results_->setToolTip(tr("Double-click a clip to open it"));

    frameStrip_ = new QWidget(this);
    frameStrip_->setObjectName(QStringLiteral("FrameStrip"));
    frameStripLayout_ = new QHBoxLayout(frameStrip_);
    frameStripLayout_->setContentsMargins(0, 0, 0, 0);
    frameStripLayout_->setSpacing(4);
    frameStrip_->setVisible(false);

    auto* resultsTitle = new QLabel(tr("<b>Results</b> — each clip's labels as it finishes"), this);
    resultsTitle->setWordWrap(true);  // narrow windows, long Finnish
    auto* right = new QVBoxLayout;
    right->addWidget(resultsTitle);
    right->addWidget(progress_);
    right->addWidget(status_);
    right->addWidget(where_);
    right->addWidget(results_, 1);
    right->addWidget(frameStrip_);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(16);
    layout->addWidget(leftBox);
    layout->addLayout(right, 1);

    connect(backend_, qOverload<int>(&QComboBox::currentIndexChanged), this, &PredictorPanel::updateForm);
    connect(url_, &QLineEdit::textChanged, this, &PredictorPanel::updateForm);
    connect(modelName_, &QLineEdit::textChanged, this, &PredictorPanel::updateForm);
    connect(modelPath_, &QLineEdit::textChanged, this, &PredictorPanel::updateForm);
    connect(modelPath_, &QLineEdit::editingFinished, this, &PredictorPanel::inspectModel);
    connect(mmprojPath_, &QLineEdit::editingFinished, this, &PredictorPanel::inspectModel);
    connect(mode_, qOverload<int>(&QComboBox::currentIndexChanged), this, &PredictorPanel::updateForm);
    connect(start_, &QPushButton::clicked, this, &PredictorPanel::startRun);
    connect(cancel_, &QPushButton::clicked, this, &PredictorPanel::cancelRun);
    connect(job_, &PredictionJob::progressed, this, &PredictorPanel::onProgress);
    connect(job_, &PredictionJob::clipsFinished, this, &PredictorPanel::onClips);
    connect(job_, &PredictionJob::runStarted, this, &PredictorPanel::onStarted);
    connect(job_, &PredictionJob::backendReady, this, [this](const QString& where) {
        where_->setText(tr("Running on: %1").arg(where));
        where_->setVisible(!where.isEmpty());
    });
    connect(job_, &PredictionJob::finished, this, &PredictorPanel::onFinished);
    connect(results_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (QTableWidgetItem* item = results_->item(row, 0))
            session_->setCurrentClip(item->data(Qt::UserRole).toLongLong());
    });
    connect(results_, &QTableWidget::currentCellChanged, this, [this](int row) { showFrames(row); });
    connect(frameLoader_, &ThumbnailLoader::thumbnailReady, this, [this](qint64 index, const QImage& image) {
        const auto labels = frameStrip_->findChildren<QLabel*>(QStringLiteral("FrameThumb"));
        for (QLabel* l : labels)
            if (l->property("frameIndex").toLongLong() == index) l->setPixmap(QPixmap::fromImage(image));
    });
    connect(session_, &ProjectSession::projectOpened, this, &PredictorPanel::rebuildExperts);
    connect(session_, &ProjectSession::projectOpened, this, &PredictorPanel::updateForm);
    connect(session_, &ProjectSession::projectClosed, this, &PredictorPanel::updateForm);
    connect(session_, &ProjectSession::annotatorsChanged, this, &PredictorPanel::rebuildExperts);
    connect(session_, &ProjectSession::currentExpertChanged, this, &PredictorPanel::rebuildExperts);
    updateForm();
}

QWidget* PredictorPanel::buildBackendPages() {
    // One page per backend, only the current one shown: hidden widgets take no room in
    // a layout, so the form is as tall as the chosen backend's settings.
    pages_ = new QWidget(this);
    auto* pagesLayout = new QVBoxLayout(pages_);
    pagesLayout->setContentsMargins(0, 0, 0, 0);

    auto* majority = new QWidget(pages_);
    auto* mf = new QFormLayout(majority);
    mf->setContentsMargins(0, 0, 0, 0);
    reference_ = new QComboBox(majority);
    mf->addRow(tr("&Expert:"), reference_);
    auto* mNote =
        new QLabel(tr("Every clip gets the class this expert used most often: the floor a model must beat."), majority);
    mNote->setObjectName(QStringLiteral("MutedLabel"));
    mNote->setWordWrap(true);
    mf->addRow(mNote);
    pagesLayout->addWidget(majority);

    auto* cues = new QLabel(tr("Classifies each clip by SRL cue words in its transcript (Finnish and English); "
                               "each rationale lists the cues found."),
                            pages_);
    cues->setObjectName(QStringLiteral("MutedLabel"));
    cues->setWordWrap(true);
    pagesLayout->addWidget(cues);

    auto* local = new QWidget(pages_);
    auto* lf = new QFormLayout(local);
    lf->setContentsMargins(0, 0, 0, 0);
    modelPath_ = new QLineEdit(local);
    modelPath_->setObjectName(QStringLiteral("ModelPath"));
    modelPath_->setPlaceholderText(tr("model.gguf or a Hugging Face folder"));
    auto* file = new QPushButton(tr("File…"), local);
    auto* folder = new QPushButton(tr("Folder…"), local);
    auto* row = new QHBoxLayout;
    row->addWidget(modelPath_, 1);
    row->addWidget(file);
    row->addWidget(folder);
    lf->addRow(buddyLabel(tr("&Model:"), modelPath_, local), row);
    mmprojPath_ = new QLineEdit(local);
    mmprojPath_->setPlaceholderText(tr("found beside a .gguf model (mmproj-….gguf)"));
    mmprojPath_->setToolTip(tr("The vision projector of a .gguf model: only needed when it is not beside the model"));
    lf->addRow(buddyLabel(tr("Pro&jector:"), mmprojPath_, local), mmprojPath_);
    modelInfo_ = new QLabel(local);
    modelInfo_->setObjectName(QStringLiteral("ModelInfo"));
    modelInfo_->setWordWrap(true);
    lf->addRow(modelInfo_);
    connect(file, &QPushButton::clicked, this, [this] {
        const QString p =
            openFileName(this, tr("Model file"), modelPath_->text(), tr("GGUF models (*.gguf);;All files (*)"));
        if (!p.isEmpty()) setModelPath(p);
    });
    connect(folder, &QPushButton::clicked, this, [this] {
        const QString p = existingDirectory(this, tr("Hugging Face model folder"), modelPath_->text());
        if (!p.isEmpty()) setModelPath(p);
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
    pagesLayout->addWidget(local);

    auto* openai = new QWidget(pages_);
    auto* of = new QFormLayout(openai);
    of->setContentsMargins(0, 0, 0, 0);
    url_ = new QLineEdit(QStringLiteral("http://127.0.0.1:8000/v1"), openai);
    url_->setObjectName(QStringLiteral("PredictUrl"));
    url_->setToolTip(tr("One server, or several separated by commas: the clips are spread over them."));
    modelName_ = new QLineEdit(openai);
    modelName_->setPlaceholderText(tr("the server's model name"));
    sendFrames_ = new QCheckBox(tr("Send frames to this server"), openai);
    of->addRow(tr("&URL:"), url_);
    of->addRow(tr("Mo&del:"), modelName_);
    of->addRow(sendFrames_);
    pagesLayout->addWidget(openai);
    return pages_;
}

QWidget* PredictorPanel::buildAdvanced() {
    auto* box = new QGroupBox(tr("Advanced"), this);
    box->setObjectName(QStringLiteral("AdvancedBox"));
    auto* f = new QFormLayout(box);
    f->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    device_ = new QComboBox(box);
    device_->addItem(tr("auto"), QStringLiteral("auto"));
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    device_->addItem(tr("GPU (CUDA)"), QStringLiteral("cuda"));
    threads_ = new QSpinBox(box);
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("all cores"));
    batch_ = new QSpinBox(box);
    batch_->setRange(0, 256);
    batch_->setSpecialValueText(tr("backend's default"));
    batch_->setToolTip(tr("Clips decoded together (local) or requests in flight (server)"));
    timeout_ = new QSpinBox(box);
    timeout_->setRange(1, 3600);
    timeout_->setValue(120);
    timeout_->setSuffix(tr(" s"));
    retries_ = new QSpinBox(box);
    retries_->setRange(0, 20);
    retries_->setValue(3);
    rationale_ = new QSpinBox(box);
    rationale_->setRange(0, 2000);
    rationale_->setValue(300);
    rationale_->setSuffix(tr(" characters"));
    prefixSharing_ = new QCheckBox(tr("Share the clip context between agents"), box);
    prefixSharing_->setChecked(true);
    prefixSharing_->setToolTip(
        tr("Off recomputes the context for every agent (for comparison); the labels are the same"));
    promptDir_ = new QLineEdit(box);
    promptDir_->setPlaceholderText(tr("built-in prompts"));
    promptDir_->setToolTip(tr("A folder of prompt templates (*.txt) overriding the built-in ones"));
    f->addRow(buddyLabel(tr("De&vice:"), device_, box), device_);
    f->addRow(buddyLabel(tr("&Threads:"), threads_, box), threads_);
    f->addRow(buddyLabel(tr("Batc&h:"), batch_, box), batch_);
    f->addRow(buddyLabel(tr("T&imeout:"), timeout_, box), timeout_);
    f->addRow(buddyLabel(tr("Retr&ies:"), retries_, box), retries_);
    f->addRow(buddyLabel(tr("Rationale &up to:"), rationale_, box), rationale_);
    f->addRow(prefixSharing_);
    f->addRow(buddyLabel(tr("&Prompts:"), promptDir_, box), promptDir_);
    return box;
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

QStringList PredictorPanel::remoteHosts() const {
    QStringList hosts;
    for (const QString& url : agents::splitServerUrls(url_->text())) {
        const QString host = QUrl(url).host();
        if (!host.isEmpty() && !agents::isLoopbackHost(host) && !hosts.contains(host)) hosts << host;
    }
    return hosts;
}

void PredictorPanel::inspectModel() {
    const QString path = modelPath_->text().trimmed();
    if (path.isEmpty()) {
        modelInfo_->clear();
        return;
    }
    // Opening maps the files and reads headers only: quick even for an 8B model.
    gpu::OpenOptions o;
    o.mmproj = mmprojPath_->text().trimmed().toStdString();
    auto w = gpu::openModel(path.toStdString(), o);
    if (!w) {
        modelInfo_->setText(tr("<span style=\"color:#b3261e\">Cannot use this model: %1</span>")
                                .arg(QString::fromStdString(w.error().message).toHtmlEscaped()));
        return;
    }
    const gpu::ModelConfig& c = w.value()->config();
    const QString arch = QString::fromLatin1(gpu::architectureName(c.arch));
    if (const gpu::VisionConfig* v = w.value()->visionConfig())
        modelInfo_->setText(tr("<b>%1</b> language model with a vision tower: <b>it sees the frames</b> "
                               "(%2 per clip, %3×%3).")
                                .arg(arch)
                                .arg(8)
                                .arg(v->imageSize));
    else
        modelInfo_->setText(tr("<b>%1</b> language model without a vision tower: it reads the transcript only "
                               "(runs record frames_used=false).")
                                .arg(arch));
}

void PredictorPanel::updateForm() {
    const auto backend = BackendKind(backend_->currentData().toInt());
    const auto pages = pages_->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly);
    for (int i = 0; i < pages.size(); ++i) pages[i]->setVisible(i == backend_->currentIndex());
    const bool baseline = backend == BackendKind::MajorityBaseline || backend == BackendKind::CueBaseline;
    // Baselines have no agents or prompts; core records their mode as "baseline".
    mode_->setEnabled(!baseline);
    const bool framesWanted = agents::modeUsesFrames(agents::PredictorMode(mode_->currentData().toInt()));
    const QStringList remote = remoteHosts();
    sendFrames_->setVisible(!remote.isEmpty() && framesWanted);
    // One yes covers every server that is not this computer; the tooltip names them.
    sendFrames_->setToolTip(tr("Clip frames would leave this computer for: %1. Without this, choose text-only or use a "
                               "local server.")
                                .arg(remote.join(QStringLiteral(", "))));
    // The name the run gets if none is typed, in step with the backend and model.
    runName_->setPlaceholderText(tr("automatic: %1").arg(agents::suggestedRunName(config().backend, config().mode)));
    const bool running = job_->isRunning();
    start_->setEnabled(!running && session_->isOpen());
    cancel_->setEnabled(running);
    for (QWidget* w : {static_cast<QWidget*>(backend_), static_cast<QWidget*>(pages_), static_cast<QWidget*>(clips_),
                       static_cast<QWidget*>(runName_), advanced_})
        w->setEnabled(!running);
    if (running) mode_->setEnabled(false);
}

void PredictorPanel::setBackend(BackendKind backend) {
    backend_->setCurrentIndex(backend_->findData(int(backend)));
}
void PredictorPanel::setReferenceExpert(const QString& name) {
    rebuildExperts();
    reference_->setCurrentIndex(reference_->findText(name));
}
void PredictorPanel::setModelPath(const QString& path) {
    modelPath_->setText(path);
    inspectModel();
}
void PredictorPanel::setMode(agents::PredictorMode mode) {
    mode_->setCurrentIndex(mode_->findData(int(mode)));
}
void PredictorPanel::setClips(Clips clips) {
    clips_->setCurrentIndex(clips_->findData(int(clips)));
}
void PredictorPanel::setRunName(const QString& name) {
    runName_->setText(name);
}

PredictConfig PredictorPanel::config() const {
    PredictConfig c;
    c.projectPath = session_->projectPath();
    agents::BackendSpec& b = c.backend;
    b.kind = BackendKind(backend_->currentData().toInt());
    b.referenceExpert = reference_->currentText();
    b.modelPath = modelPath_->text().trimmed();
    b.mmprojPath = mmprojPath_->text().trimmed();
    b.urls = agents::splitServerUrls(url_->text());
    b.modelName = modelName_->text().trimmed();
    b.allowRemoteFrames = sendFrames_->isChecked();  // core asks only for a non-loopback host
    b.device = device_->currentData().toString();
    b.threads = threads_->value();
    b.batch = batch_->value();
    b.timeoutS = timeout_->value();
    b.retries = retries_->value();
    c.mode = agents::PredictorMode(mode_->currentData().toInt());
    c.maxRationaleChars = rationale_->value();
    c.prefixSharing = prefixSharing_->isChecked() ? agents::PrefixSharing::On : agents::PrefixSharing::Off;
    c.promptDir = promptDir_->text().trimmed();
    switch (Clips(clips_->currentData().toInt())) {
        case Clips::All:
            c.selection = agents::ClipSelection::All;
            break;
        case Clips::NoExpertYet:
            c.selection = agents::ClipSelection::Unlabeled;
            break;
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
    if (c.backend.kind == BackendKind::MajorityBaseline && c.backend.referenceExpert.isEmpty())
        problem = tr("Choose the expert whose labels the baseline counts.");
    else if (c.backend.kind == BackendKind::Local && c.backend.modelPath.isEmpty())
        problem = tr("Choose a model file or folder.");
    else if (c.backend.kind == BackendKind::OpenAi && (c.backend.urls.isEmpty() || c.backend.modelName.isEmpty()))
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
    frameStrip_->setVisible(false);
    QStringList headers{tr("Clip")};
    for (const Dimension& d : session_->codebook().dimensions) headers << dimensionTitle(d);
    headers << tr("Confidence") << tr("Frames at (s)");
    results_->setColumnCount(int(headers.size()));
    results_->setHorizontalHeaderLabels(headers);
    // Every column as wide as its header and cells (Finnish dimension names are long);
    // the frame times take the rest.
    QHeaderView* header = results_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    progress_->setRange(0, 0);  // busy until core reports the clip count
    status_->setText(tr("Starting…"));
    where_->clear();
    where_->setVisible(false);
    lastMessage_.clear();
    session_->beginLocalWrites();
    if (!job_->start(c)) session_->endLocalWrites();  // one at a time: no finished() comes
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

void PredictorPanel::onClips(const QVector<agents::FinishedClip>& clips) {
    // The session's index takes the labels as they are (Review and Metrics follow the
    // run); the results list gets one row per clip, laid out once per batch.
    session_->applyPredictions(clips);
    results_->setUpdatesEnabled(false);
    const Codebook& cb = session_->codebook();
    for (const agents::FinishedClip& clip : clips) {
        const int row = results_->rowCount();
        results_->insertRow(row);
        auto* key = new QTableWidgetItem(clip.clipKey);
        key->setData(Qt::UserRole, qlonglong(clip.clipId));
        QVariantList times;
        for (int64_t t : clip.frameTimesMs) times << QVariant::fromValue<qlonglong>(t);
        key->setData(kFramesRole, times);
        results_->setItem(row, 0, key);
        const int confidenceColumn = results_->columnCount() - 2;
        if (!clip.ok) {
            auto* error = new QTableWidgetItem(tr("failed: %1").arg(clip.error));
            error->setToolTip(clip.error);
            error->setForeground(QColor(0xb3, 0x26, 0x1e));
            results_->setItem(row, 1, error);
            results_->setSpan(row, 1, 1, confidenceColumn - 1);
            continue;
        }
        double sum = 0.0;
        int n = 0;
        for (int i = 0; i < clip.labels.size() && i + 1 < confidenceColumn; ++i) {
            const agents::DimensionPrediction& p = clip.labels[i];
            auto* item = new QTableWidgetItem(classTitle(cb, p.dimension, p.label));
            if (!p.rationale.isEmpty()) item->setToolTip(p.rationale);
            results_->setItem(row, i + 1, item);
            if (!std::isnan(p.confidence)) {
                sum += p.confidence;
                ++n;
            }
        }
        auto* confidence = new QTableWidgetItem(n == 0 ? QStringLiteral("–") : QLocale().toString(sum / n, 'f', 2));
        confidence->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        results_->setItem(row, confidenceColumn, confidence);
        const Clip* c = session_->clip(clip.clipId);
        QStringList at;
        for (int64_t t : clip.frameTimesMs) at << QLocale().toString(double(t - (c ? c->startMs : 0)) / 1000.0, 'f', 1);
        auto* frames = new QTableWidgetItem(at.isEmpty() ? tr("none") : at.join(QStringLiteral(" · ")));
        frames->setToolTip(at.isEmpty() ? tr("The model read the transcript only")
                                        : tr("The frames the model saw, in seconds from the clip's start; "
                                             "select the row to see them"));
        results_->setItem(row, confidenceColumn + 1, frames);
    }
    results_->setUpdatesEnabled(true);
    results_->scrollToBottom();
}

void PredictorPanel::onStarted(qint64 annotatorId, const QVector<qint64>& finishedEarlier) {
    // A resumed run lists what it did before too, from the session's index (the frame
    // times of those clips are in the project, not in memory).
    if (finishedEarlier.isEmpty()) return;
    if (!session_->annotator(annotatorId)) (void)session_->refreshAnnotators();
    QVector<agents::FinishedClip> earlier;
    for (qint64 clipId : finishedEarlier) {
        const Clip* c = session_->clip(clipId);
        if (!c) continue;
        agents::FinishedClip f{annotatorId, clipId, c->key, true, {}, {}, {}};
        const auto mine = session_->labelsOfClip(clipId).value(annotatorId);
        for (const Dimension& d : session_->codebook().dimensions) {
            const Annotation a = mine.value(d.name);
            if (a.label.isEmpty()) continue;
            agents::DimensionPrediction p;
            p.dimension = d.name;
            p.label = a.label;
            p.rationale = a.rationale;
            p.confidence = a.confidence;
            f.labels.push_back(p);
        }
        earlier.push_back(f);
    }
    onClips(earlier);
}

void PredictorPanel::showFrames(int row) {
    frameLoader_->cancel();
    for (QLabel* l : frameStrip_->findChildren<QLabel*>(QStringLiteral("FrameThumb"))) delete l;
    QTableWidgetItem* key = row >= 0 ? results_->item(row, 0) : nullptr;
    const QVariantList times = key ? key->data(kFramesRole).toList() : QVariantList();
    const Clip* clip = key ? session_->clip(key->data(Qt::UserRole).toLongLong()) : nullptr;
    frameStrip_->setVisible(clip && !times.isEmpty());
    if (!clip || times.isEmpty()) return;
    const QString path = session_->mediaPath(clip->mediaId);
    QVector<ThumbnailLoader::Job> jobs;
    for (int i = 0; i < times.size(); ++i) {
        auto* thumb = new QLabel(frameStrip_);
        thumb->setObjectName(QStringLiteral("FrameThumb"));
        thumb->setProperty("frameIndex", qlonglong(i));
        thumb->setFixedSize(kFrameThumbWidth, kFrameThumbWidth * 9 / 16);
        thumb->setScaledContents(true);
        thumb->setToolTip(
            tr("Frame %1 at %2 s").arg(i + 1).arg(QLocale().toString(double(times[i].toLongLong()) / 1000.0, 'f', 2)));
        frameStripLayout_->addWidget(thumb);
        jobs.push_back({qint64(i), path, times[i].toLongLong()});
    }
    frameLoader_->start(jobs);
}

void PredictorPanel::onFinished(bool ok, bool cancelled, const QString& runName, const QString& message) {
    lastMessage_ = message;
    session_->endLocalWrites();
    if (progress_->maximum() == 0) progress_->setRange(0, 1);
    if (ok) {
        // The labels are in the index already; the run's record (its status) is re-read.
        const Status refreshed = session_->refreshAnnotators();
        status_->setText((cancelled ? tr("Run %1 cancelled.") : tr("Run %1 finished.")).arg(runName) +
                         QLatin1Char(' ') + message +
                         (cancelled ? QString() : QLatin1Char(' ') + tr("It is now in Review and Metrics.")));
        if (!refreshed) status_->setText(status_->text() + QLatin1Char('\n') + refreshed.error().message);
    } else {
        status_->setText(cancelled ? message : tr("The run did not start: %1").arg(message));
    }
    updateForm();
    emit runFinished(ok, cancelled, runName);
}

}  // namespace ui
}  // namespace motor
