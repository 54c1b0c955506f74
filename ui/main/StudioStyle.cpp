#include "ui/main/StudioStyle.h"

#include <QApplication>
#include <QPalette>
#include <QStyleFactory>

namespace motor {
namespace ui {

void StudioStyle::apply(QApplication& app) {
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    const QColor window(0xf4, 0xf5, 0xf7);
    const QColor base(0xff, 0xff, 0xff);
    const QColor text(0x1f, 0x23, 0x28);
    const QColor accent(0x2f, 0x6f, 0xb5);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf8, 0xfa));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xfb, 0xfb, 0xfc));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xfd, 0xf2));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x90, 0x99));
    p.setColor(QPalette::Link, accent);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9a, 0xa0, 0xa8));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9a, 0xa0, 0xa8));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x9a, 0xa0, 0xa8));
    app.setPalette(p);
    app.setStyleSheet(QStringLiteral(
        "QDockWidget::title { padding: 6px 8px; background: #e9ecf0; font-weight: 600; }"
        "QFrame#DimensionBox { background: #ffffff; border: 1px solid #dde1e6; border-radius: 6px; }"
        "QFrame#DimensionBox QPushButton { padding: 5px 8px; border: 1px solid #c9ced6; border-radius: 4px;"
        "  background: #f8f9fb; text-align: left; }"
        "QFrame#DimensionBox QPushButton:checked { background: #2f6fb5; color: white; border-color: #2a5f9a; }"
        "QFrame#DimensionBox QPushButton:hover:!checked { background: #eaf1fa; }"
        "QLabel#KeyHint, QLabel#MutedLabel { color: #6b7280; }"
        "QWidget#FilterChip { background: #e6effa; border: 1px solid #b9cfe9; border-radius: 4px; }"
        "QLabel#PlayerMessage { color: #9b1c1c; padding: 4px 8px; }"
        "QLabel#TimeLabel { font-family: monospace; }"
        "QTabWidget::pane { border-top: 1px solid #dde1e6; }"
        "QTabBar::tab { padding: 6px 16px; }"
        "QHeaderView::section { padding: 4px 6px; background: #eef0f3; border: none;"
        "  border-right: 1px solid #dde1e6; border-bottom: 1px solid #dde1e6; }"
        "QTableView { gridline-color: #e5e7eb; selection-background-color: #2f6fb5; }"
        "QStatusBar QLabel { padding: 0 6px; }"));
}

}  // namespace ui
}  // namespace motor
