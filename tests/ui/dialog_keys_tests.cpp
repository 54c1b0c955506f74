// Every dialog can be worked from the keyboard, in English and in Finnish (with Qt's own
// Finnish for the standard buttons, as the app installs it): each Alt key reaches one
// thing, and Tab walks a form's fields in the order they are shown.
#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QBoxLayout>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLibraryInfo>
#include <QLocale>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>
#include <functional>
#include <map>
#include <memory>

#include "support/StudioFixture.h"
#include "ui/codebook/CodebookEditor.h"
#include "ui/codebook/NewProjectCodebook.h"
#include "ui/io/DataTransfer.h"
#include "ui/io/ExportDialog.h"
#include "ui/main/ExpertDialog.h"
#include "ui/main/ProjectSession.h"
#include "ui/main/ShortcutsDialog.h"
#include "ui/transcript/TranscribeDialog.h"

namespace motor::testing {
namespace {

// The Alt key a text gives ("Add &class" -> 'c'); none for "&&" or no '&'.
QChar mnemonic(const QString& text) {
    const QString plain = QString(text).replace(QStringLiteral("&&"), QStringLiteral("__"));
    const qsizetype at = plain.indexOf(QLatin1Char('&'));
    return at >= 0 && at + 1 < plain.size() ? plain[at + 1].toLower() : QChar();
}

// Alt keys of what is shown in `dialog` now -> the texts that use them.
std::map<QChar, QStringList> altKeys(QWidget* dialog) {
    std::map<QChar, QStringList> byKey;
    auto take = [&](const QString& text) {
        if (const QChar key = mnemonic(text); !key.isNull()) byKey[key] << text;
    };
    for (QAbstractButton* b : dialog->findChildren<QAbstractButton*>())
        if (b->isVisibleTo(dialog)) take(b->text());
    for (QLabel* l : dialog->findChildren<QLabel*>())
        if (l->isVisibleTo(dialog) && l->buddy()) take(l->text());
    for (QGroupBox* g : dialog->findChildren<QGroupBox*>())
        if (g->isVisibleTo(dialog)) take(g->title());
    for (QTabWidget* tabs : dialog->findChildren<QTabWidget*>())
        if (tabs->isVisibleTo(dialog))
            for (int i = 0; i < tabs->count(); ++i) take(tabs->tabText(i));
    return byKey;
}

bool takesTab(QWidget* w, QWidget* dialog) {
    return w && w->isVisibleTo(dialog) && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus);
}

// Where each widget comes when Tab walks the dialog from its first widget.
std::map<QWidget*, int> tabPositions(QWidget* dialog) {
    std::map<QWidget*, int> at;
    QWidget* w = dialog;
    for (int i = 0; i < 1000; ++i) {
        w = w->nextInFocusChain();
        if (w == dialog || at.count(w)) break;
        at[w] = i;
    }
    return at;
}

// A widget's name in a failure: its object name, or its text.
std::string tabName(QWidget* w) {
    if (!w->objectName().isEmpty()) return w->objectName().toStdString();
    if (auto* b = qobject_cast<QAbstractButton*>(w)) return b->text().toStdString();
    return w->metaObject()->className();
}

class DialogKeysTest : public StudioFixture {
protected:
    // Checks `dialog` as it is shown now; `what` names it in failures.
    void check(QWidget* dialog, const std::string& what) {
        dialog->show();
        QCoreApplication::processEvents();
        for (const auto& [key, texts] : altKeys(dialog))
            EXPECT_EQ(texts.size(), 1) << language_ << " " << what << ": Alt+" << QString(key).toStdString() << " is "
                                       << texts.join(QStringLiteral(", ")).toStdString();
        const auto positions = tabPositions(dialog);
        // A column or row of fields (check boxes, buttons beside a field) is walked in the
        // order shown; a button box orders its own buttons.
        for (QBoxLayout* box : dialog->findChildren<QBoxLayout*>()) {
            if (qobject_cast<QDialogButtonBox*>(box->parentWidget())) continue;
            QWidget* previous = nullptr;
            for (int i = 0; i < box->count(); ++i) {
                QWidget* w = box->itemAt(i)->widget();
                if (!takesTab(w, dialog) || !positions.count(w)) continue;
                if (previous) {
                    EXPECT_LT(positions.at(previous), positions.at(w))
                        << language_ << " " << what << ": Tab goes to \"" << tabName(w) << "\" before \""
                        << tabName(previous) << "\", which is shown before it";
                }
                previous = w;
            }
        }
        for (QFormLayout* form : dialog->findChildren<QFormLayout*>()) {
            QWidget* previous = nullptr;
            for (int row = 0; row < form->rowCount(); ++row) {
                QLayoutItem* item = form->itemAt(row, QFormLayout::FieldRole);
                QWidget* field = item ? item->widget() : nullptr;
                if (!takesTab(field, dialog)) continue;
                if (field->focusProxy()) field = field->focusProxy();
                ASSERT_TRUE(positions.count(field)) << what << ": " << field->objectName().toStdString();
                if (previous) {
                    EXPECT_LT(positions.at(previous), positions.at(field))
                        << language_ << " " << what << ": Tab goes to " << field->objectName().toStdString()
                        << " before " << previous->objectName().toStdString() << ", which is shown above it";
                }
                previous = field;
            }
        }
    }
    // Runs `body` in English, then in Finnish as the app installs it.
    void inBothLanguages(const std::function<void()>& body) {
        language_ = "English";
        body();
        QTranslator qt, ours;
        ASSERT_TRUE(ours.load(QStringLiteral(":/i18n/motor_fi.qm")));
        const bool qtFinnish = qt.load(QLocale(QStringLiteral("fi")), QStringLiteral("qtbase"), QStringLiteral("_"),
                                       QLibraryInfo::path(QLibraryInfo::TranslationsPath));
        if (qtFinnish) QCoreApplication::installTranslator(&qt);
        QCoreApplication::installTranslator(&ours);
        const QLocale before;
        QLocale::setDefault(QLocale(QStringLiteral("fi")));
        language_ = qtFinnish ? "Finnish" : "Finnish (without Qt's own)";
        body();
        QLocale::setDefault(before);
        QCoreApplication::removeTranslator(&ours);
        if (qtFinnish) QCoreApplication::removeTranslator(&qt);
    }
    std::string language_;
};

TEST_F(DialogKeysTest, EveryDialogHasOneThingPerAltKeyAndTabFollowsItsForms) {
    FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    options.clipCount = 2;
    openStudio(options);
    ui::ProjectSession* session = window_->session();
    inBothLanguages([&] {
        {
            ui::CodebookEditor editor(session, window_.get());
            editor.select(0);
            check(&editor, "Codebook (a dimension)");
            editor.select(0, 0);
            check(&editor, "Codebook (a class)");
        }
        {
            ui::ExpertDialog dialog({QStringLiteral("Anna"), QStringLiteral("Ben")}, QString(), window_.get());
            check(&dialog, "Who is labelling?");
        }
        {
            ui::ExportDialog dialog(window_->transfer()->exportChoice(), window_.get());
            check(&dialog, "Export");
        }
        {
            ui::TranscribeDialog dialog(session, window_.get());
            check(&dialog, "Transcribe");
            auto* backend = dialog.findChild<QComboBox*>(QStringLiteral("TranscribeBackend"));
            ASSERT_NE(backend, nullptr);
            backend->setCurrentIndex(backend->findData(QStringLiteral("openai")));
            check(&dialog, "Transcribe (on a server)");
        }
        {
            ui::NewProjectCodebook dialog(window_.get());
            check(&dialog, "New project's codebook");
        }
        {
            ui::ShortcutsDialog dialog(session->codebook(), window_.get());
            check(&dialog, "Keyboard shortcuts");
        }
    });
}

}  // namespace
}  // namespace motor::testing
