#include "support/StudioFixture.h"

#include <QApplication>
#include <QSettings>
#include <QTest>

namespace motor::testing {

void StudioFixture::openStudio(const FixtureOptions& options, const QString& expert) {
    ASSERT_TRUE(dir_.isValid());
    QSettings().clear();
    auto path = createFixtureProject(dir_.path(), QStringLiteral("fixture"), options);
    ASSERT_TRUE(path.ok()) << path.error().message.toStdString();
    projectPath_ = path.value();
    window_ = std::make_unique<ui::MainWindow>();
    window_->resize(1400, 900);
    window_->show();
    ASSERT_TRUE(window_->openProject(projectPath_, expert, ui::MainWindow::Interaction::Unattended))
        << window_->lastError().toStdString();
    QApplication::setActiveWindow(window_.get());
    ASSERT_TRUE(QTest::qWaitForWindowActive(window_.get()));
}

void StudioFixture::TearDown() {
    window_.reset();
    QApplication::processEvents();
}

}  // namespace motor::testing
