#pragma once
// A MainWindow on a fresh fixture project, shown and active so that window shortcuts
// fire under QTest::keyClick.
#include <gtest/gtest.h>

#include <QTemporaryDir>
#include <memory>

#include "support/FixtureProject.h"
#include "ui/main/MainWindow.h"

namespace motor::testing {

class StudioFixture : public ::testing::Test {
protected:
    void openStudio(const FixtureOptions& options, const QString& expert = QStringLiteral("Expert A"));
    void TearDown() override;

    QTemporaryDir dir_;
    QString projectPath_;
    std::unique_ptr<ui::MainWindow> window_;
};

}  // namespace motor::testing
