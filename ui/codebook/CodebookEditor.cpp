#include "ui/codebook/CodebookEditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <iterator>

#include "ui/codebook/CodebookChangeCommand.h"
#include "ui/labels/KeyScheme.h"
#include "ui/main/CodebookText.h"
#include "ui/main/FileDialogs.h"
#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {
namespace {

QString freeName(const QStringList& taken, const QString& stem) {
    for (int n = 1;; ++n) {
        const QString name = stem.arg(n);
        if (!taken.contains(name)) return name;
    }
}

QStringList classNames(const Dimension& d) {
    return d.classNames();
}

// The languages the codebook has texts in, and the interface's own (Finnish, whatever the
// interface speaks now), sorted by code.
QStringList translationLanguages(const Codebook& cb) {
    QStringList codes{QStringLiteral("fi")};
    const QString ui = uiLanguage();
    if (ui != QLatin1String("en")) codes << ui;
    auto add = [&codes](const LocalizedTexts& t) { codes << t.names.keys() << t.texts.keys(); };
    for (const Dimension& d : cb.dimensions) {
        add(d.i18n);
        for (const CodebookClass& c : d.classes) add(c.i18n);
    }
    codes.removeDuplicates();
    codes.sort();
    return codes;
}

// "Suomi (fi)"; the code alone where Qt does not know the language.
QString languageTitle(const QString& code) {
    const QLocale locale(code);
    QString name = locale.language() == QLocale::C ? QString() : locale.nativeLanguageName();
    if (name.isEmpty()) return code;
    name[0] = name[0].toUpper();
    return QStringLiteral("%1 (%2)").arg(name, code);
}

// Sets or, when `text` is empty, removes the text for `language`.
void setOrRemove(QHash<QString, QString>& texts, const QString& language, const QString& text) {
    if (text.trimmed().isEmpty())
        texts.remove(language);
    else
        texts.insert(language, text);
}

}  // namespace

CodebookEditor::CodebookEditor(ProjectSession* session, QWidget* parent)
    : QDialog(parent), session_(session), edited_(session->codebook()) {
    setObjectName(QStringLiteral("CodebookEditor"));
    setWindowTitle(tr("Codebook"));
    resize(860, 600);
    for (const Dimension& d : edited_.dimensions) {
        dimensionOrigin_ << d.name;
        classOrigin_ << d.classNames();
    }

    auto* layout = new QVBoxLayout(this);
    auto* head = new QFormLayout;
    name_ = new QLineEdit(edited_.name, this);
    name_->setObjectName(QStringLiteral("CodebookName"));
    description_ = new QLineEdit(edited_.description, this);
    description_->setObjectName(QStringLiteral("CodebookDescription"));
    int earlier = 0;
    if (session_->project())
        if (auto versions = session_->project()->codebookVersions(); versions) earlier = int(versions->size()) - 1;
    version_ = new QLabel(
        tr("version %1; saving makes version %2 (%n earlier version(s) stay in the project)", nullptr, earlier)
            .arg(edited_.version)
            .arg(edited_.version + 1),
        this);
    version_->setObjectName(QStringLiteral("CodebookVersion"));
    head->addRow(tr("&Name"), name_);
    head->addRow(tr("Descri&ption"), description_);
    head->addRow(tr("Version"), version_);
    layout->addLayout(head);

    auto* split = new QSplitter(this);
    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    tree_ = new QTreeWidget(left);
    tree_->setObjectName(QStringLiteral("CodebookTree"));
    tree_->setHeaderLabels({tr("Dimension / class"), tr("Keys")});
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    leftLayout->addWidget(tree_);
    auto* treeButtons = new QHBoxLayout;
    auto* addDimension = new QPushButton(tr("Add &dimension"), left);
    addDimension->setObjectName(QStringLiteral("AddDimension"));
    addClass_ = new QPushButton(tr("Add &class"), left);
    addClass_->setObjectName(QStringLiteral("AddClass"));
    remove_ = new QPushButton(tr("&Remove"), left);
    remove_->setObjectName(QStringLiteral("RemoveItem"));
    treeButtons->addWidget(addDimension);
    treeButtons->addWidget(addClass_);
    treeButtons->addWidget(remove_);
    leftLayout->addLayout(treeButtons);

    auto* right = new QWidget(split);
    auto* form = new QFormLayout(right);
    itemKind_ = new QLabel(right);
    itemName_ = new QLineEdit(right);
    itemName_->setObjectName(QStringLiteral("ItemName"));
    itemName_->setToolTip(tr("The id labels are stored under. Renaming a used one moves its labels (you are asked)."));
    itemText_ = new QPlainTextEdit(right);
    itemText_->setObjectName(QStringLiteral("ItemText"));
    examples_ = new QPlainTextEdit(right);
    examples_->setObjectName(QStringLiteral("ItemExamples"));
    examples_->setPlaceholderText(tr("One example per line"));
    keyRow_ = new QComboBox(right);
    keyRow_->setObjectName(QStringLiteral("ItemKeyRow"));
    keyRow_->addItem(tr("By position"), 0);
    for (int row = 0; row < KeyScheme::kRows; ++row) keyRow_->addItem(KeyScheme::rowKeysText(row, 5), row + 1);
    examplesLabel_ = new QLabel(tr("&Examples"), right);
    examplesLabel_->setBuddy(examples_);
    keyRowLabel_ = new QLabel(tr("&Keyboard row"), right);
    keyRowLabel_->setBuddy(keyRow_);
    form->addRow(itemKind_);
    form->addRow(tr("N&ame (id)"), itemName_);
    itemTextLabel_ = new QLabel(right);
    itemTextLabel_->setBuddy(itemText_);
    form->addRow(itemTextLabel_, itemText_);
    form->addRow(examplesLabel_, examples_);
    form->addRow(keyRowLabel_, keyRow_);

    // The same item's texts in another language.
    language_ = new QComboBox(right);
    language_->setObjectName(QStringLiteral("TranslationLanguage"));
    for (const QString& code : translationLanguages(edited_)) language_->addItem(languageTitle(code), code);
    language_->setCurrentIndex(std::max(0, language_->findData(uiLanguage())));
    language_->setToolTip(
        tr("The texts the interface shows in this language instead of the id and definition "
           "above. Empty: those are shown."));
    translationName_ = new QLineEdit(right);
    translationName_->setObjectName(QStringLiteral("TranslationName"));
    translationText_ = new QPlainTextEdit(right);
    translationText_->setObjectName(QStringLiteral("TranslationText"));
    translationNameLabel_ = new QLabel(tr("Sho&wn name"), right);
    translationNameLabel_->setBuddy(translationName_);
    translationTextLabel_ = new QLabel(right);
    translationTextLabel_->setBuddy(translationText_);
    auto* languageLabel = new QLabel(tr("In lan&guage"), right);
    languageLabel->setBuddy(language_);
    form->addRow(languageLabel, language_);
    form->addRow(translationNameLabel_, translationName_);
    form->addRow(translationTextLabel_, translationText_);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* import = buttons->addButton(tr("&Import JSON…"), QDialogButtonBox::ActionRole);
    auto* exportButton = buttons->addButton(tr("E&xport JSON…"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);

    // Tab moves between fields (a definition never gets tab characters), in the order
    // they are shown: the codebook's, the tree and its buttons, the item's, then Save.
    for (QPlainTextEdit* text : {itemText_, examples_, translationText_}) text->setTabChangesFocus(true);
    QWidget* order[] = {name_,
                        description_,
                        tree_,
                        addDimension,
                        addClass_,
                        remove_,
                        itemName_,
                        itemText_,
                        examples_,
                        keyRow_,
                        language_,
                        translationName_,
                        translationText_,
                        buttons->button(QDialogButtonBox::Save),
                        import,
                        exportButton,
                        buttons->button(QDialogButtonBox::Cancel)};
    for (size_t i = 1; i < std::size(order); ++i) QWidget::setTabOrder(order[i - 1], order[i]);

    connect(buttons, &QDialogButtonBox::accepted, this, &CodebookEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CodebookEditor::reject);
    connect(addDimension, &QPushButton::clicked, this, &CodebookEditor::addDimension);
    connect(addClass_, &QPushButton::clicked, this, &CodebookEditor::addClass);
    connect(remove_, &QPushButton::clicked, this, &CodebookEditor::removeSelected);
    connect(import, &QPushButton::clicked, this, [this] {
        const QString path =
            openFileName(this, tr("Import a codebook"), QString(), tr("Codebooks (*.json);;All files (*)"));
        if (!path.isEmpty()) importFile(path);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = saveFileName(this, tr("Export the codebook"), edited_.name + QStringLiteral(".json"),
                                          tr("Codebooks (*.json)"));
        if (path.isEmpty()) return;
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(edited_.toJson()).toJson()) < 0)
            QMessageBox::warning(this, tr("Export the codebook"), tr("Cannot write %1: %2").arg(path, f.errorString()));
    });
    connect(name_, &QLineEdit::textEdited, this, [this](const QString& t) { edited_.name = t.trimmed(); });
    connect(description_, &QLineEdit::textEdited, this, [this](const QString& t) { edited_.description = t; });
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (filling_ || !item) return;
        QTreeWidgetItem* parent = item->parent();
        dimension_ = parent ? tree_->indexOfTopLevelItem(parent) : tree_->indexOfTopLevelItem(item);
        class_ = parent ? parent->indexOfChild(item) : -1;
        showSelected();
    });
    connect(itemName_, &QLineEdit::textEdited, this, [this](const QString& t) {
        if (dimension_ < 0) return;
        Dimension& d = edited_.dimensions[dimension_];
        (class_ < 0 ? d.name : d.classes[class_].name) = t.trimmed();
        translationName_->setPlaceholderText(t.trimmed());
        QTreeWidgetItem* item = tree_->currentItem();
        if (item) item->setText(0, t.trimmed());
    });
    connect(itemText_, &QPlainTextEdit::textChanged, this, [this] {
        if (filling_ || dimension_ < 0) return;
        Dimension& d = edited_.dimensions[dimension_];
        (class_ < 0 ? d.description : d.classes[class_].definition) = itemText_->toPlainText();
        translationText_->setPlaceholderText(itemText_->toPlainText());
    });
    connect(examples_, &QPlainTextEdit::textChanged, this, [this] {
        if (filling_ || dimension_ < 0 || class_ < 0) return;
        QStringList lines;
        for (const QString& line : examples_->toPlainText().split(QLatin1Char('\n')))
            if (!line.trimmed().isEmpty()) lines << line.trimmed();
        edited_.dimensions[dimension_].classes[class_].examples = lines;
    });
    connect(language_, &QComboBox::currentIndexChanged, this, [this] { showTranslation(); });
    connect(translationName_, &QLineEdit::textEdited, this, [this](const QString& t) {
        if (LocalizedTexts* texts = selectedTexts()) setOrRemove(texts->names, translationLanguage(), t.trimmed());
    });
    connect(translationText_, &QPlainTextEdit::textChanged, this, [this] {
        if (filling_) return;
        if (LocalizedTexts* texts = selectedTexts())
            setOrRemove(texts->texts, translationLanguage(), translationText_->toPlainText());
    });
    connect(keyRow_, &QComboBox::activated, this, [this] {
        if (dimension_ < 0) return;
        edited_.dimensions[dimension_].keyRow = keyRow_->currentData().toInt();
        rebuildTree();
    });
    rebuildTree();
    select(0);
}

void CodebookEditor::rebuildTree() {
    filling_ = true;
    tree_->clear();
    for (int d = 0; d < edited_.dimensions.size(); ++d) {
        const Dimension& dim = edited_.dimensions[d];
        auto* top =
            new QTreeWidgetItem(tree_, {dim.name, KeyScheme::rowKeysText(dim.keyRowIndex(d), int(dim.classes.size()))});
        for (int c = 0; c < dim.classes.size(); ++c)
            new QTreeWidgetItem(top, {dim.classes[c].name, KeyScheme::classKey(dim.keyRowIndex(d), c).toString()});
        top->setExpanded(true);
    }
    filling_ = false;
    if (dimension_ >= edited_.dimensions.size()) dimension_ = int(edited_.dimensions.size()) - 1;
    if (dimension_ >= 0 && class_ >= edited_.dimensions[dimension_].classes.size()) class_ = -1;
    select(dimension_, class_);
}

void CodebookEditor::select(int dimensionIndex, int classIndex) {
    dimension_ = dimensionIndex;
    class_ = classIndex;
    QTreeWidgetItem* item = dimensionIndex >= 0 ? tree_->topLevelItem(dimensionIndex) : nullptr;
    if (item && classIndex >= 0) item = item->child(classIndex);
    filling_ = true;
    tree_->setCurrentItem(item);
    filling_ = false;
    showSelected();
}

void CodebookEditor::showSelected() {
    filling_ = true;
    const bool any = dimension_ >= 0 && dimension_ < edited_.dimensions.size();
    const bool isClass = any && class_ >= 0;
    itemName_->setEnabled(any);
    itemText_->setEnabled(any);
    examples_->setVisible(isClass);
    examplesLabel_->setVisible(isClass);
    keyRow_->setVisible(any && !isClass);
    keyRowLabel_->setVisible(any && !isClass);
    addClass_->setEnabled(any);
    remove_->setEnabled(any);
    // A class has a definition, a dimension a description (as in the codebook file).
    itemTextLabel_->setText(isClass || !any ? tr("De&finition") : tr("De&scription"));
    translationTextLabel_->setText(isClass || !any ? tr("Shown defini&tion") : tr("Shown descrip&tion"));
    if (!any) {
        itemKind_->clear();
        itemName_->clear();
        itemText_->clear();
    } else if (isClass) {
        const CodebookClass& c = edited_.dimensions[dimension_].classes[class_];
        itemKind_->setText(tr("<b>Class</b> of %1").arg(edited_.dimensions[dimension_].name.toHtmlEscaped()));
        itemName_->setText(c.name);
        itemText_->setPlainText(c.definition);
        examples_->setPlainText(c.examples.join(QLatin1Char('\n')));
    } else {
        const Dimension& d = edited_.dimensions[dimension_];
        itemKind_->setText(tr("<b>Dimension</b>"));
        itemName_->setText(d.name);
        itemText_->setPlainText(d.description);
        keyRow_->setCurrentIndex(std::max(0, keyRow_->findData(d.keyRow)));
    }
    filling_ = false;
    showTranslation();
}

LocalizedTexts* CodebookEditor::selectedTexts() {
    if (filling_ || dimension_ < 0 || dimension_ >= edited_.dimensions.size()) return nullptr;
    Dimension& d = edited_.dimensions[dimension_];
    if (class_ < 0) return &d.i18n;
    return class_ < d.classes.size() ? &d.classes[class_].i18n : nullptr;
}

QString CodebookEditor::translationLanguage() const {
    return language_->currentData().toString();
}

void CodebookEditor::setTranslationLanguage(const QString& code) {
    int at = language_->findData(code);
    if (at < 0) {
        language_->addItem(languageTitle(code), code);
        at = language_->count() - 1;
    }
    language_->setCurrentIndex(at);
}

void CodebookEditor::showTranslation() {
    const LocalizedTexts* texts = selectedTexts();
    const QString language = translationLanguage();
    filling_ = true;
    translationName_->setEnabled(texts != nullptr);
    translationText_->setEnabled(texts != nullptr);
    translationName_->setText(texts ? texts->names.value(language) : QString());
    translationText_->setPlainText(texts ? texts->texts.value(language) : QString());
    // Empty fields show what is shown instead: the id and the codebook's own text.
    translationName_->setPlaceholderText(itemName_->text());
    translationText_->setPlaceholderText(itemText_->toPlainText());
    filling_ = false;
}

void CodebookEditor::addDimension() {
    Dimension d;
    // Placeholder ids without spaces: they become column names (wide.csv's "Anna.dimension_1").
    d.name = freeName(edited_.dimensionNames(), tr("dimension_%1"));
    d.classes = {CodebookClass{tr("class_1"), {}, {}, {}}, CodebookClass{tr("class_2"), {}, {}, {}}};
    edited_.dimensions.push_back(d);
    dimensionOrigin_ << QString();
    classOrigin_ << QStringList{QString(), QString()};
    dimension_ = int(edited_.dimensions.size()) - 1;
    class_ = -1;
    rebuildTree();
}

void CodebookEditor::addClass() {
    if (dimension_ < 0) return;
    Dimension& d = edited_.dimensions[dimension_];
    d.classes.push_back(CodebookClass{freeName(classNames(d), tr("class_%1")), {}, {}, {}});
    classOrigin_[dimension_] << QString();
    class_ = int(d.classes.size()) - 1;
    rebuildTree();
}

void CodebookEditor::removeSelected() {
    if (dimension_ < 0) return;
    if (class_ < 0) {
        edited_.dimensions.removeAt(dimension_);
        dimensionOrigin_.removeAt(dimension_);
        classOrigin_.removeAt(dimension_);
    } else {
        edited_.dimensions[dimension_].classes.removeAt(class_);
        classOrigin_[dimension_].removeAt(class_);
        class_ = -1;
    }
    rebuildTree();
}

void CodebookEditor::importFile(const QString& path) {
    auto loaded = Codebook::fromFile(path);
    if (!loaded) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Import a codebook"), loaded.error().message,
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("CodebookInvalid"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    // Names that stay keep their labels; the others count as removed (and are refused
    // on saving if they have labels).
    edited_ = loaded.value();
    edited_.version = session_->codebook().version;
    const Codebook& now = session_->codebook();
    dimensionOrigin_.clear();
    classOrigin_.clear();
    for (const Dimension& d : edited_.dimensions) {
        const Dimension* was = now.dimension(d.name);
        dimensionOrigin_ << (was ? d.name : QString());
        QStringList origins;
        for (const CodebookClass& c : d.classes) origins << (was && was->classIndex(c.name) >= 0 ? c.name : QString());
        classOrigin_ << origins;
    }
    name_->setText(edited_.name);
    description_->setText(edited_.description);
    dimension_ = edited_.dimensions.isEmpty() ? -1 : 0;
    class_ = -1;
    rebuildTree();
}

QVector<CodebookRename> CodebookEditor::renames() const {
    QVector<CodebookRename> out;
    for (int d = 0; d < edited_.dimensions.size(); ++d) {
        const QString was = dimensionOrigin_.value(d);
        if (was.isEmpty()) continue;
        const Dimension& dim = edited_.dimensions[d];
        for (int c = 0; c < dim.classes.size(); ++c) {
            const QString classWas = classOrigin_.value(d).value(c);
            if (!classWas.isEmpty() && classWas != dim.classes[c].name)
                out.push_back({was, classWas, dim.classes[c].name});
        }
        if (was != dim.name) out.push_back({was, QString(), dim.name});
    }
    return out;
}

// Translations of a definition (or a dimension's description) that was rewritten describe
// the old text: they go, so that the interface in that language shows the new text (in the
// codebook's language) until a translation of it is written. A translation written or
// changed in this dialog is the new text's and stays. Returns how many texts lost
// translations.
int CodebookEditor::dropStaleTranslations() {
    const Codebook& now = session_->codebook();
    // Drops the languages of `texts` whose translation is still the one of `old`.
    auto dropStale = [](QHash<QString, QString>& texts, const QHash<QString, QString>& old) {
        bool any = false;
        for (const QString& language : texts.keys())
            if (old.value(language) == texts.value(language)) {
                texts.remove(language);
                any = true;
            }
        return any ? 1 : 0;
    };
    int dropped = 0;
    for (int d = 0; d < edited_.dimensions.size(); ++d) {
        Dimension& dim = edited_.dimensions[d];
        const Dimension* was = now.dimension(dimensionOrigin_.value(d));
        if (!was) continue;
        if (dim.description != was->description) dropped += dropStale(dim.i18n.texts, was->i18n.texts);
        for (int c = 0; c < dim.classes.size(); ++c) {
            const int at = was->classIndex(classOrigin_.value(d).value(c));
            if (at < 0) continue;
            CodebookClass& cls = dim.classes[c];
            if (cls.definition != was->classes[at].definition)
                dropped += dropStale(cls.i18n.texts, was->classes[at].i18n.texts);
        }
    }
    return dropped;
}

void CodebookEditor::reject() {
    // Esc is a reflex (closing a popup); a rewritten definition can be long work.
    if (edited_ == session_->codebook()) return QDialog::reject();
    auto* box = new QMessageBox(QMessageBox::Question, tr("Codebook"),
                                tr("Discard your changes to the codebook? Nothing of them is saved."),
                                QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("CodebookDiscardQuestion"));
    box->button(QMessageBox::Cancel)->setText(tr("&Keep editing"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box->button(QMessageBox::Discard), &QPushButton::clicked, this, [this] { QDialog::reject(); });
    box->open();
}

void CodebookEditor::accept() {
    if (session_->project()) {
        droppedTranslations_ += dropStaleTranslations();
        showTranslation();
    }
    auto fail = [this](const QString& name, const QString& title, const QString& text) {
        auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
        box->setObjectName(name);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };
    if (!session_->project()) return;
    auto plan = session_->project()->planCodebookChange(edited_, renames());
    if (!plan) {
        fail(QStringLiteral("CodebookInvalid"), tr("Codebook not saved"), plan.error().message);
        return;
    }
    if (!plan->orphaned.isEmpty()) {
        fail(QStringLiteral("CodebookRefused"), tr("Codebook not saved"),
             tr("This change would leave labels without a class:\n%1\n\nRename the class instead of removing it "
                "(its labels move with it), or clear those labels first. Nothing was changed.")
                 .arg(plan->orphaned.join(QLatin1Char('\n'))));
        return;
    }
    if (plan->migratedLabels == 0) {
        applyChange();
        return;
    }
    QStringList moves;
    for (const CodebookRename& r : renames())
        moves << (r.fromClass.isEmpty() ? tr("dimension %1 → %2").arg(r.dimension, r.to)
                                        : tr("%1/%2 → %3").arg(r.dimension, r.fromClass, r.to));
    auto* box = new QMessageBox(QMessageBox::Question, tr("Rename labels"),
                                tr("%n stored label(s) will move to the new names:", nullptr, plan->migratedLabels),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("CodebookMigrateQuestion"));
    box->setInformativeText(moves.join(QLatin1Char('\n')) + QStringLiteral("\n\n") +
                            tr("The labels and the new codebook version are saved together; the old version stays "
                               "in the project."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box->button(QMessageBox::Yes), &QPushButton::clicked, this, &CodebookEditor::applyChange);
    box->open();
}

void CodebookEditor::applyChange() {
    const Codebook before = session_->codebook();
    const QVector<CodebookRename> moves = renames();
    auto changed = session_->changeCodebook(edited_, moves);
    if (!changed) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Codebook not saved"), changed.error().message,
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("CodebookRefused"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    // Saved: one step on the undo stack (nothing when nothing changed, no version was made).
    if (session_->codebook().version != before.version)
        session_->undoStack()->push(new CodebookChangeCommand(session_, before, session_->codebook(), moves));
    // Said in the window's status bar (the editor closes): not a box in the way of the work.
    if (auto* window = qobject_cast<QMainWindow*>(parentWidget()); window && droppedTranslations_ > 0)
        window->statusBar()->showMessage(
            tr("Codebook saved. The translations of %n rewritten definition(s) were removed: they described the "
               "old text. Write new ones under \"In language\" in Edit ▸ Codebook….",
               nullptr, droppedTranslations_),
            20000);
    QDialog::accept();
}

}  // namespace ui
}  // namespace motor
