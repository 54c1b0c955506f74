#pragma once
// A confusion matrix as a heatmap: rows the reference, columns the coder, shade by the
// share of the row. Clicking a cell asks for exactly the clips counted in it.
#include <QStringList>
#include <QWidget>
#include <vector>

namespace motor {
namespace ui {

class ConfusionHeatmap : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionHeatmap(QWidget* parent = nullptr);

    void setMatrix(const QStringList& classes, const std::vector<long long>& rowMajorCounts,
                   const QString& referenceName, const QString& coderName);
    void clear();
    QRect cellRect(int referenceClass, int predictedClass) const;
    long long count(int referenceClass, int predictedClass) const;

    QSize sizeHint() const override { return {420, 320}; }
    QSize minimumSizeHint() const override { return {300, 240}; }

signals:
    void cellClicked(int referenceClass, int predictedClass);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent*) override;

private:
    QRect gridRect() const;

    QStringList classes_;
    std::vector<long long> counts_;
    QString reference_;
    QString coder_;
    int hoverRow_ = -1;
    int hoverColumn_ = -1;
};

}  // namespace ui
}  // namespace motor
