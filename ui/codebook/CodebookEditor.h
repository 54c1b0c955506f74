#pragma once
// Edit ▸ Codebook…: the project's dimensions and classes, their definitions, examples
// and keyboard rows, and their names and definitions in another language (what the
// Finnish interface shows: "Tarkkailu" for the id "Monitoring"). Saving stores a new codebook version through core,
// which refuses a change that would leave labels without a class; renaming a used class (or dimension) moves its
// labels, after the user confirms how many. A saved change is one step on the session's undo stack
// (CodebookChangeCommand); the edits in the open dialog are not: Cancel drops them.
#include <QDialog>
#include <QStringList>
#include <QVector>

#include "core/model/Codebook.h"
#include "core/store/Project.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace motor {
namespace ui {

class ProjectSession;

class CodebookEditor : public QDialog {
    Q_OBJECT
public:
    CodebookEditor(ProjectSession* session, QWidget* parent = nullptr);

    const Codebook& edited() const { return edited_; }
    // Selects a dimension (classIndex -1) or a class in the tree.
    void select(int dimensionIndex, int classIndex = -1);
    // The language whose texts the translation fields edit ("fi").
    void setTranslationLanguage(const QString& code);
    // The renames the edits amount to (old names -> new), as core takes them.
    QVector<CodebookRename> renames() const;

public slots:
    void accept() override;
    // Cancel and Esc: with unsaved edits, asks before dropping them ("CodebookDiscardQuestion").
    void reject() override;
    void addDimension();
    void addClass();
    void removeSelected();
    void importFile(const QString& path);

private:
    void rebuildTree();
    void showSelected();
    void showTranslation();
    LocalizedTexts* selectedTexts();
    QString translationLanguage() const;
    void applyChange();

    ProjectSession* session_;
    Codebook edited_;
    int dropStaleTranslations();
    int droppedTranslations_ = 0;
    QStringList dimensionOrigin_;       // the name each dimension had when opened; empty: new
    QVector<QStringList> classOrigin_;  // likewise per class
    int dimension_ = -1;
    int class_ = -1;
    bool filling_ = false;

    QLineEdit* name_;
    QLineEdit* description_;
    QLabel* version_;
    QTreeWidget* tree_;
    QLabel* itemKind_;
    QLineEdit* itemName_;
    QLabel* itemTextLabel_;
    QPlainTextEdit* itemText_;
    QLabel* examplesLabel_;
    QPlainTextEdit* examples_;
    QLabel* keyRowLabel_;
    QComboBox* keyRow_;
    QComboBox* language_;
    QLabel* translationNameLabel_;
    QLineEdit* translationName_;
    QLabel* translationTextLabel_;
    QPlainTextEdit* translationText_;
    QPushButton* addClass_;
    QPushButton* remove_;
};

}  // namespace ui
}  // namespace motor
