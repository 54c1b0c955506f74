// The codebook editor (Edit ▸ Codebook…) and New Project's codebook choice (issue 16):
// removing a used class is refused with the labels it would orphan and changes nothing;
// a rename moves the labels after the user confirms, in one new codebook version; undo
// stores the previous codebook again and moves them back.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

#include "core/store/Project.h"
#include "support/StudioFixture.h"
#include "ui/browser/ClipBrowser.h"
#include "ui/codebook/CodebookEditor.h"
#include "ui/codebook/NewProjectCodebook.h"
#include "ui/labels/LabelPanel.h"
#include "ui/main/ProjectSession.h"

namespace motor::testing {
namespace {

QMessageBox* waitForBox(QWidget* parent, const QString& name, int timeoutMs = 5000) {
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < timeoutMs) {
        if (auto* box = parent->findChild<QMessageBox*>(name); box && box->isVisible()) return box;
        QTest::qWait(20);
    }
    return nullptr;
}

// Types `text` as a keyboard would, letters outside ASCII included (QTest::keyClicks
// asserts on "ä").
void typeText(QWidget* widget, const QString& text) {
    for (const QChar ch : text) {
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(ch));
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, QString(ch));
        QApplication::sendEvent(widget, &press);
        QApplication::sendEvent(widget, &release);
    }
}

class CodebookTest : public StudioFixture {
protected:
    // Three clips without media; the first labelled behavior "Mixed" by the current expert.
    Clip openWithAMixedLabel() {
        FixtureOptions options;
        options.withMedia = false;
        options.withModels = false;
        options.clipCount = 3;
        openStudio(options);
        ui::ProjectSession* session = window_->session();
        const Clip clip = session->clips().first();
        EXPECT_TRUE(session
                        ->writeLabel(clip.id, session->currentExpertId(), QStringLiteral("behavior"),
                                     QStringLiteral("Mixed"), {})
                        .ok());
        return clip;
    }
    ui::CodebookEditor* openEditor() {
        window_->editCodebook();
        auto* editor = window_->findChild<ui::CodebookEditor*>();
        EXPECT_NE(editor, nullptr);
        if (editor) {
            EXPECT_TRUE(QTest::qWaitForWindowExposed(editor));
        }
        return editor;
    }
    // Cancel with edits asks first: discards them, and waits until the editor is gone.
    void discard(ui::CodebookEditor* editor) {
        QPointer<ui::CodebookEditor> alive(editor);
        editor->reject();
        if (QMessageBox* box = waitForBox(editor, QStringLiteral("CodebookDiscardQuestion"), 500))
            box->button(QMessageBox::Discard)->click();
        QElapsedTimer waited;
        waited.start();
        while (alive && waited.elapsed() < 5000) {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            QTest::qWait(10);
        }
        EXPECT_TRUE(alive.isNull());
    }
    void save(ui::CodebookEditor* editor) {
        auto* buttons = editor->findChild<QDialogButtonBox*>();
        ASSERT_NE(buttons, nullptr);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);
    }
    int versionCount() {
        auto p = Project::open(projectPath_);
        return p ? int(p.value()->codebookVersions()->size()) : -1;
    }
    QString storedLabel(int64_t clipId, const QString& coder, const QString& dimension) {
        auto p = Project::open(projectPath_);
        if (!p) return QStringLiteral("(cannot open)");
        const int64_t id = p.value()->annotatorByName(coder).value()->id;
        auto a = p.value()->annotation(clipId, id, dimension);
        return a && a.value() ? a.value()->label : QString();
    }
};

TEST_F(CodebookTest, RemovingAUsedClassIsRefusedAndARenameMovesItsLabelsAfterConfirmation) {
    const Clip clip = openWithAMixedLabel();
    ui::ProjectSession* session = window_->session();
    ASSERT_EQ(versionCount(), 1);

    // Remove "Mixed" (behavior's third class) and save: refused, the file keeps version 1.
    ui::CodebookEditor* editor = openEditor();
    ASSERT_NE(editor, nullptr);
    editor->select(0, 2);
    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("RemoveItem")), Qt::LeftButton);
    EXPECT_EQ(editor->edited().dimensions[0].classes.size(), 2);
    save(editor);
    QMessageBox* refused = waitForBox(editor, QStringLiteral("CodebookRefused"));
    ASSERT_NE(refused, nullptr);
    EXPECT_TRUE(refused->text().contains(QStringLiteral("behavior/Mixed"))) << refused->text().toStdString();
    refused->accept();
    EXPECT_TRUE(editor->isVisible());
    EXPECT_EQ(versionCount(), 1);
    EXPECT_EQ(session->codebook().dimensions[0].classes.size(), 3);
    discard(editor);
    QTest::qWait(50);

    // Rename "Mixed" to "Both" by typing, add an example, save, confirm.
    editor = openEditor();
    ASSERT_NE(editor, nullptr);
    editor->select(0, 2);
    auto* name = editor->findChild<QLineEdit*>(QStringLiteral("ItemName"));
    ASSERT_EQ(name->text(), QStringLiteral("Mixed"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Both"));
    auto* examples = editor->findChild<QPlainTextEdit*>(QStringLiteral("ItemExamples"));
    examples->setFocus();
    QTest::keyClicks(examples, QStringLiteral("Let's check it and then change the plan."));
    save(editor);
    QMessageBox* question = waitForBox(editor, QStringLiteral("CodebookMigrateQuestion"));
    ASSERT_NE(question, nullptr);
    EXPECT_TRUE(question->informativeText().contains(QStringLiteral("behavior/Mixed → Both")))
        << question->informativeText().toStdString();
    EXPECT_EQ(versionCount(), 1);  // nothing before the answer
    QTest::mouseClick(question->button(QMessageBox::Yes), Qt::LeftButton);
    QTest::qWait(50);
    EXPECT_EQ(versionCount(), 2);
    EXPECT_EQ(storedLabel(clip.id, QStringLiteral("Expert A"), QStringLiteral("behavior")), QStringLiteral("Both"));
    EXPECT_EQ(session->codebook().dimensions[0].classes[2].name, QStringLiteral("Both"));
    EXPECT_EQ(session->codebook().dimensions[0].classes[2].examples,
              QStringList{QStringLiteral("Let's check it and then change the plan.")});
    EXPECT_EQ(session->label(clip.id, session->currentExpertId(), QStringLiteral("behavior")), QStringLiteral("Both"));
    // The label panel shows the new class at once (key 3).
    bool shown = false;
    for (QPushButton* b : window_->labelPanel()->findChildren<QPushButton*>())
        if (b->text().endsWith(QStringLiteral("Both")) && b->isChecked()) shown = true;
    EXPECT_TRUE(shown);
}

// What the file holds, read through a second connection: the current codebook without
// its version number, every label, and the label history.
struct StoredCodebookState {
    QByteArray codebook;
    QStringList labels;
    QStringList audit;
    int versions = 0;
};

StoredCodebookState storedState(const QString& path) {
    StoredCodebookState out;
    auto p = Project::open(path);
    EXPECT_TRUE(p.ok());
    if (!p) return out;
    Codebook cb = p.value()->codebook();
    cb.version = 0;
    out.codebook = QJsonDocument(cb.toJson()).toJson(QJsonDocument::Compact);
    for (const Annotation& a : p.value()->annotations().value())
        out.labels
            << QStringLiteral("%1/%2/%3=%4 (%5)").arg(a.clipId).arg(a.annotatorId).arg(a.dimension, a.label, a.note);
    for (const AuditEntry& e : p.value()->auditLog().value())
        out.audit << QStringLiteral("%1 %2/%3/%4: %5 -> %6")
                         .arg(e.id)
                         .arg(e.clipId)
                         .arg(e.annotatorId)
                         .arg(e.dimension, e.oldLabel, e.newLabel);
    out.versions = int(p.value()->codebookVersions()->size());
    return out;
}

// Issue 16: Ctrl+Z after saving a codebook change goes back to the codebook as it was, as
// a new version (versions are history), with renamed labels moved back; Ctrl+Shift+Z
// stores the change again. A step that would orphan labels is refused like any change.
TEST_F(CodebookTest, UndoAfterSavingStoresThePreviousCodebookAgainAndMovesTheLabelsBack) {
    const Clip clip = openWithAMixedLabel();
    ui::ProjectSession* session = window_->session();
    const StoredCodebookState original = storedState(projectPath_);
    ASSERT_EQ(original.versions, 1);
    const int stepsBefore = session->undoStack()->count();
    auto undo = [&] {
        window_->browser()->findChild<QTableView*>()->setFocus();
        QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier);
        QTest::qWait(20);
    };
    auto redo = [&] {
        window_->browser()->findChild<QTableView*>()->setFocus();
        QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::qWait(20);
    };

    // Rename "Mixed" to "Both" and describe it; save; confirm the move of the label.
    ui::CodebookEditor* editor = openEditor();
    ASSERT_NE(editor, nullptr);
    editor->select(0, 2);
    auto* name = editor->findChild<QLineEdit*>(QStringLiteral("ItemName"));
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Both"));
    auto* definition = editor->findChild<QPlainTextEdit*>(QStringLiteral("ItemText"));
    definition->setFocus();
    QTest::keyClicks(definition, QStringLiteral(" Both at once."));
    save(editor);
    QMessageBox* question = waitForBox(editor, QStringLiteral("CodebookMigrateQuestion"));
    ASSERT_NE(question, nullptr);
    QTest::mouseClick(question->button(QMessageBox::Yes), Qt::LeftButton);
    QTest::qWait(50);
    const StoredCodebookState renamed = storedState(projectPath_);
    ASSERT_EQ(renamed.versions, 2);
    EXPECT_EQ(storedLabel(clip.id, QStringLiteral("Expert A"), QStringLiteral("behavior")), QStringLiteral("Both"));
    EXPECT_EQ(session->undoStack()->count(), stepsBefore + 1);
    QApplication::setActiveWindow(window_.get());

    // Ctrl+Z: the codebook, the label and its history as they were; one version more.
    undo();
    StoredCodebookState now = storedState(projectPath_);
    EXPECT_EQ(now.versions, 3);
    EXPECT_EQ(now.codebook, original.codebook);
    EXPECT_EQ(now.labels, original.labels);
    EXPECT_EQ(now.audit, original.audit);
    EXPECT_EQ(session->codebook().dimensions[0].classes[2].name, QStringLiteral("Mixed"));
    EXPECT_EQ(session->label(clip.id, session->currentExpertId(), QStringLiteral("behavior")), QStringLiteral("Mixed"));

    // Ctrl+Shift+Z: the change again.
    redo();
    now = storedState(projectPath_);
    EXPECT_EQ(now.versions, 4);
    EXPECT_EQ(now.codebook, renamed.codebook);
    EXPECT_EQ(now.labels, renamed.labels);
    EXPECT_EQ(now.audit, renamed.audit);
    EXPECT_EQ(session->codebook().dimensions[0].classes[2].name, QStringLiteral("Both"));

    // A class added, then used outside the undo stack (as an import or a merge would):
    // undoing the addition would orphan that label, so core refuses it and nothing changes.
    editor = openEditor();
    ASSERT_NE(editor, nullptr);
    editor->select(0, -1);
    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("AddClass")), Qt::LeftButton);
    const QString added = editor->edited().dimensions[0].classes.last().name;
    save(editor);
    QTest::qWait(50);
    ASSERT_EQ(storedState(projectPath_).versions, 5);
    QApplication::setActiveWindow(window_.get());
    const Clip second = session->clips()[1];
    ASSERT_TRUE(session->writeLabel(second.id, session->currentExpertId(), QStringLiteral("behavior"), added, {}).ok());
    const StoredCodebookState used = storedState(projectPath_);
    undo();
    QMessageBox* refused = waitForBox(window_.get(), QStringLiteral("CodebookUndoRefused"));
    ASSERT_NE(refused, nullptr);
    EXPECT_TRUE(refused->informativeText().contains(QStringLiteral("behavior/") + added))
        << refused->informativeText().toStdString();
    refused->accept();
    now = storedState(projectPath_);
    EXPECT_EQ(now.versions, used.versions);
    EXPECT_EQ(now.codebook, used.codebook);
    EXPECT_EQ(now.labels, used.labels);
    EXPECT_EQ(session->codebook().dimensions[0].classes.last().name, added);
    // The refused step left the stack; the rename below it stays.
    EXPECT_EQ(session->undoStack()->count(), stepsBefore + 1);
}

// Reported: a definition rewritten in the editor kept its old Finnish translation, which is
// what Finnish coders read. The translation of a rewritten definition goes (the Finnish
// interface shows the new text), the others stay, and the status bar says so.
TEST_F(CodebookTest, ARewrittenDefinitionLosesItsStaleTranslation) {
    openWithAMixedLabel();
    ui::ProjectSession* session = window_->session();
    const CodebookClass before0 = session->codebook().dimensions[0].classes[0];
    const CodebookClass before1 = session->codebook().dimensions[0].classes[1];
    ASSERT_TRUE(before0.i18n.texts.contains(QStringLiteral("fi")));
    ASSERT_TRUE(before1.i18n.texts.contains(QStringLiteral("fi")));
    ui::CodebookEditor* editor = openEditor();
    ASSERT_NE(editor, nullptr);
    editor->select(0, 0);
    auto* definition = editor->findChild<QPlainTextEdit*>(QStringLiteral("ItemText"));
    definition->setFocus();
    QTest::keyClicks(definition, QStringLiteral(" Also planning the next step."));
    save(editor);
    QTest::qWait(50);
    const CodebookClass after0 = session->codebook().dimensions[0].classes[0];
    const CodebookClass after1 = session->codebook().dimensions[0].classes[1];
    EXPECT_TRUE(after0.definition.contains(QStringLiteral("Also planning the next step.")));
    EXPECT_FALSE(after0.i18n.texts.contains(QStringLiteral("fi")));
    EXPECT_EQ(after0.displayDefinition(QStringLiteral("fi")), after0.definition);
    EXPECT_EQ(after0.i18n.names, before0.i18n.names);  // its Finnish name is still right
    EXPECT_EQ(after1.i18n.texts, before1.i18n.texts);  // untouched classes keep theirs
    EXPECT_TRUE(window_->statusBar()->currentMessage().contains(QStringLiteral("translations of 1 rewritten")))
        << window_->statusBar()->currentMessage().toStdString();
}

// Reported: the editor could not show or change the Finnish texts, so a lead who rewrote a
// definition could not give Finnish coders the new one. The texts of another language are
// edited beside the codebook's own: a translation written with a rewritten definition
// stays, an emptied one goes (the id is shown), and two classes shown alike are refused.
TEST_F(CodebookTest, TheFinnishTextsAreEditedBesideTheCodebooksOwn) {
    openWithAMixedLabel();
    ui::ProjectSession* session = window_->session();
    const Dimension before = session->codebook().dimensions[0];
    const QString fi = QStringLiteral("fi");
    ui::CodebookEditor* editor = openEditor();
    ASSERT_NE(editor, nullptr);
    editor->setTranslationLanguage(fi);
    auto* name = editor->findChild<QLineEdit*>(QStringLiteral("TranslationName"));
    auto* text = editor->findChild<QPlainTextEdit*>(QStringLiteral("TranslationText"));
    auto* definition = editor->findChild<QPlainTextEdit*>(QStringLiteral("ItemText"));
    ASSERT_TRUE(name && text && definition);

    // The dimension's Finnish name is shown; emptied, the interface falls back to the id.
    editor->select(0);
    EXPECT_EQ(name->text(), before.i18n.names.value(fi));
    name->setFocus();
    name->selectAll();
    QTest::keyClick(name, Qt::Key_Delete);
    EXPECT_EQ(name->placeholderText(), before.name);

    // Class 0: a rewritten definition with its new Finnish text.
    editor->select(0, 0);
    EXPECT_EQ(name->text(), before.classes[0].i18n.names.value(fi));
    EXPECT_EQ(text->toPlainText(), before.classes[0].i18n.texts.value(fi));
    definition->setFocus();
    QTest::keyClicks(definition, QStringLiteral(" Also planning the next step."));
    text->setFocus();
    text->selectAll();
    typeText(text, QStringLiteral("Uusi määritelmä."));
    // Class 1: a new Finnish name.
    editor->select(0, 1);
    name->setFocus();
    name->selectAll();
    typeText(name, QStringLiteral("Säätely"));
    // Shown on class 0 again, as edited.
    editor->select(0, 0);
    EXPECT_EQ(text->toPlainText(), QStringLiteral("Uusi määritelmä."));

    save(editor);
    QTest::qWait(50);
    const Dimension after = session->codebook().dimensions[0];
    EXPECT_EQ(session->codebook().version, 2);
    EXPECT_FALSE(after.i18n.names.contains(fi));
    EXPECT_EQ(after.displayName(fi), QStringLiteral("behavior"));
    EXPECT_TRUE(after.classes[0].definition.contains(QStringLiteral("Also planning the next step.")));
    EXPECT_EQ(after.classes[0].i18n.texts.value(fi), QStringLiteral("Uusi määritelmä."));  // kept: it is new
    EXPECT_EQ(after.classes[0].i18n.names.value(fi), before.classes[0].i18n.names.value(fi));
    EXPECT_EQ(after.classes[1].displayName(fi), QStringLiteral("Säätely"));
    EXPECT_EQ(after.classes[2].i18n, before.classes[2].i18n);
    EXPECT_FALSE(window_->statusBar()->currentMessage().contains(QStringLiteral("rewritten")))
        << window_->statusBar()->currentMessage().toStdString();
    // Stored in the project, not only in the session.
    auto reopened = Project::open(projectPath_);
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ(reopened.value()->codebook().dimensions[0].classes[0].i18n.texts.value(fi),
              QStringLiteral("Uusi määritelmä."));

    // Two classes shown as one in Finnish could not be told apart: refused, nothing saved.
    editor = openEditor();
    ASSERT_NE(editor, nullptr);
    editor->setTranslationLanguage(fi);
    editor->select(0, 2);
    name = editor->findChild<QLineEdit*>(QStringLiteral("TranslationName"));
    name->setFocus();
    name->selectAll();
    typeText(name, QStringLiteral("Säätely"));
    save(editor);
    QMessageBox* box = waitForBox(editor, QStringLiteral("CodebookInvalid"));
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->text().contains(QStringLiteral("both shown as \"Säätely\" in fi"))) << box->text().toStdString();
    box->accept();
    discard(editor);
    EXPECT_EQ(session->codebook().version, 2);
}

// Reported: new dimensions and classes were called "dimension 1" and "class 1" (in Finnish
// "ulottuvuus 1"), ids with spaces that became column names such as "Anna.dimension 1".
// Placeholder ids have none, in either language; a dimension's text is its description.
TEST_F(CodebookTest, PlaceholderIdsHaveNoSpaces) {
    openWithAMixedLabel();
    ui::CodebookEditor* editor = openEditor();
    ASSERT_NE(editor, nullptr);
    editor->addDimension();
    editor->addClass();
    const Dimension& added = editor->edited().dimensions.last();
    EXPECT_EQ(added.classes.size(), 3);
    QStringList ids{added.name};
    ids << added.classNames();
    const Codebook starter = ui::NewProjectCodebook::starter();
    ids << starter.dimensions[0].name << starter.dimensions[0].classNames();
    for (const QString& id : ids) EXPECT_FALSE(id.contains(QLatin1Char(' '))) << id.toStdString();
    EXPECT_TRUE(editor->edited().validate(QStringLiteral("codebook")).ok());
    // The selected new dimension's text is called its description.
    auto* text = editor->findChild<QPlainTextEdit*>(QStringLiteral("ItemText"));
    ASSERT_NE(text, nullptr);
    editor->select(int(editor->edited().dimensions.size()) - 1);
    auto labelOf = [&](QWidget* field) {
        for (QLabel* l : editor->findChildren<QLabel*>())
            if (l->buddy() == field) return l->text();
        return QString();
    };
    EXPECT_EQ(labelOf(text), QStringLiteral("De&scription"));
    editor->select(0, 0);
    EXPECT_EQ(labelOf(text), QStringLiteral("De&finition"));
    discard(editor);
}

// Reported (third audit): Tab typed tab characters into a definition, so the keyboard was
// stuck there and the text changed; Esc closed the editor and dropped every edit without a
// word. Tab moves on; Esc with edits asks, Keep editing is the default.
TEST_F(CodebookTest, TabLeavesADefinitionAndEscAsksBeforeDroppingEdits) {
    openWithAMixedLabel();
    ui::CodebookEditor* editor = openEditor();
    ASSERT_NE(editor, nullptr);
    editor->select(0, 0);
    auto* definition = editor->findChild<QPlainTextEdit*>(QStringLiteral("ItemText"));
    const QString before = definition->toPlainText();
    definition->setFocus();
    QTest::keyClick(definition, Qt::Key_Tab);
    EXPECT_EQ(definition->toPlainText(), before);
    EXPECT_FALSE(definition->hasFocus());
    EXPECT_EQ(QApplication::focusWidget(), editor->findChild<QPlainTextEdit*>(QStringLiteral("ItemExamples")));

    // Unchanged: Esc closes at once.
    QPointer<ui::CodebookEditor> first(editor);
    QTest::keyClick(editor, Qt::Key_Escape);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    EXPECT_TRUE(first.isNull());

    editor = openEditor();
    ASSERT_NE(editor, nullptr);
    auto* description = editor->findChild<QLineEdit*>(QStringLiteral("CodebookDescription"));
    description->setFocus();
    QTest::keyClicks(description, QStringLiteral(" Revised."));
    QTest::keyClick(editor, Qt::Key_Escape);
    QMessageBox* box = waitForBox(editor, QStringLiteral("CodebookDiscardQuestion"));
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(box->defaultButton(), box->button(QMessageBox::Cancel));
    box->button(QMessageBox::Cancel)->click();  // Keep editing
    QTest::qWait(20);
    EXPECT_TRUE(editor->isVisible());
    EXPECT_TRUE(editor->edited().description.endsWith(QStringLiteral(" Revised.")));
    discard(editor);
    EXPECT_EQ(window_->session()->codebook().version, 1);
}

TEST_F(CodebookTest, NewProjectStartsWithTheChosenCodebookAndABadFileIsRefused) {
    ASSERT_TRUE(dir_.isValid());
    window_ = std::make_unique<ui::MainWindow>();
    // A codebook file with a key row for its one dimension.
    const QString json = dir_.filePath(QStringLiteral("talk.json"));
    QFile f(json);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"name": "Talk", "dimensions": [{"name": "talk", "keyRow": 3, "classes": [
        {"name": "On task", "examples": ["Weigh it again."]}, {"name": "Off task"}]}]})");
    f.close();

    ui::NewProjectCodebook choice;
    choice.setSource(ui::NewProjectCodebook::Source::JsonFile, json);
    auto cb = choice.codebook();
    ASSERT_TRUE(cb.ok()) << cb.error().message.toStdString();
    const QString path = dir_.filePath(QStringLiteral("talk.motor"));
    ASSERT_TRUE(window_->createProject(path, cb.value(), ui::MainWindow::Interaction::Unattended))
        << window_->lastError().toStdString();
    EXPECT_EQ(window_->session()->codebook().name, QStringLiteral("Talk"));
    EXPECT_EQ(window_->session()->codebook().dimensions[0].keyRow, 3);
    // Another project's codebook.
    choice.setSource(ui::NewProjectCodebook::Source::OtherProject, path);
    auto fromProject = choice.codebook();
    ASSERT_TRUE(fromProject.ok());
    EXPECT_EQ(fromProject->dimensions[0].classes[0].examples, QStringList{QStringLiteral("Weigh it again.")});

    // A broken file: the dialog says why (file and field) and stays open.
    QFile bad(dir_.filePath(QStringLiteral("bad.json")));
    ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"name": "Bad", "dimensions": [{"name": "x", "classes": [{"name": "only"}]}]})");
    bad.close();
    choice.setSource(ui::NewProjectCodebook::Source::JsonFile, bad.fileName());
    choice.show();
    choice.accept();
    QMessageBox* box = waitForBox(&choice, QStringLiteral("CodebookChoiceError"));
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->text().contains(QStringLiteral("at least two classes"))) << box->text().toStdString();
    EXPECT_TRUE(choice.isVisible());
    box->accept();
    EXPECT_EQ(choice.result(), int(QDialog::Rejected));
}

}  // namespace
}  // namespace motor::testing
