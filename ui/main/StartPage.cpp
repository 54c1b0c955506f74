#include "ui/main/StartPage.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace motor {
namespace ui {

StartPage::StartPage(QWidget* parent) : QWidget(parent) {
    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    auto* column = new QVBoxLayout;
    column->setSpacing(12);
    column->addStretch(1);
    auto* title = new QLabel(tr("MOTOR Studio"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 2.0);
    f.setBold(true);
    title->setFont(f);
    column->addWidget(title);
    auto* subtitle = new QLabel(tr("Label classroom clips for self-regulated learning and compare AI models "
                                   "with experts."),
                                this);
    subtitle->setWordWrap(true);
    subtitle->setObjectName(QStringLiteral("MutedLabel"));
    column->addWidget(subtitle);
    auto* buttons = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open project…"), this);
    auto* create = new QPushButton(tr("New project…"), this);
    auto* demo = new QPushButton(tr("Open demo project"), this);
    open->setDefault(true);
    for (QPushButton* b : {open, create, demo}) {
        b->setMinimumHeight(34);
        buttons->addWidget(b);
    }
    column->addLayout(buttons);
    column->addWidget(new QLabel(tr("Recent projects"), this));
    recent_ = new QListWidget(this);
    recent_->setMinimumSize(520, 200);
    column->addWidget(recent_);
    column->addStretch(2);
    outer->addLayout(column, 0);
    outer->addStretch(1);

    connect(open, &QPushButton::clicked, this, &StartPage::openRequested);
    connect(create, &QPushButton::clicked, this, &StartPage::createRequested);
    connect(demo, &QPushButton::clicked, this, &StartPage::demoRequested);
    connect(recent_, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit recentRequested(item->data(Qt::UserRole).toString()); });
}

void StartPage::setRecentProjects(const QStringList& paths) {
    recent_->clear();
    for (const QString& p : paths) {
        auto* item = new QListWidgetItem(QStringLiteral("%1  —  %2").arg(QFileInfo(p).completeBaseName(), p), recent_);
        item->setData(Qt::UserRole, p);
        item->setToolTip(p);
    }
    if (paths.isEmpty()) {
        auto* item = new QListWidgetItem(tr("No recent projects"), recent_);
        item->setFlags(Qt::NoItemFlags);
    }
}

}  // namespace ui
}  // namespace motor
