#include "ui/metrics/ConfusionHeatmap.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace motor {
namespace ui {
namespace {
constexpr int kLeftLabels = 96;
constexpr int kTopLabels = 40;
constexpr int kMargin = 8;
}  // namespace

ConfusionHeatmap::ConfusionHeatmap(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setToolTip(tr("Click a cell to show exactly those clips in the browser"));
}

void ConfusionHeatmap::setMatrix(const QStringList& classes, const std::vector<long long>& rowMajorCounts,
                                 const QString& referenceName, const QString& coderName) {
    classes_ = classes;
    counts_ = rowMajorCounts;
    reference_ = referenceName;
    coder_ = coderName;
    update();
}

void ConfusionHeatmap::clear() {
    classes_.clear();
    counts_.clear();
    update();
}

long long ConfusionHeatmap::count(int r, int c) const {
    const int n = int(classes_.size());
    if (r < 0 || c < 0 || r >= n || c >= n) return 0;
    return counts_[size_t(r) * n + c];
}

QRect ConfusionHeatmap::gridRect() const {
    QRect area = rect().adjusted(kMargin + kLeftLabels, kMargin + kTopLabels, -kMargin, -kMargin);
    const int side = std::min(area.width(), area.height());
    return {area.left(), area.top(), side, side};
}

QRect ConfusionHeatmap::cellRect(int r, int c) const {
    const int n = int(classes_.size());
    if (n == 0) return {};
    const QRect g = gridRect();
    const int w = g.width() / n;
    const int h = g.height() / n;
    return {g.left() + c * w, g.top() + r * h, w, h};
}

void ConfusionHeatmap::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const int n = int(classes_.size());
    if (n == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Choose a reference and a coder"));
        return;
    }
    const QRect g = gridRect();
    p.setPen(palette().color(QPalette::WindowText));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    p.setFont(small);
    // The titles may be wider than the grid (a run's long name): the widget's width, elided
    // in the middle where even that is too narrow.
    const QRect top(kMargin, kMargin, width() - 2 * kMargin, kTopLabels / 2);
    p.drawText(top, Qt::AlignCenter,
               p.fontMetrics().elidedText(tr("%1 (columns)").arg(coder_), Qt::ElideMiddle, top.width()));
    for (int r = 0; r < n; ++r) {
        long long rowSum = 0;
        for (int c = 0; c < n; ++c) rowSum += count(r, c);
        for (int c = 0; c < n; ++c) {
            const QRect cell = cellRect(r, c).adjusted(1, 1, -1, -1);
            const double share = rowSum > 0 ? double(count(r, c)) / double(rowSum) : 0.0;
            // Diagonal in blue, confusions in red: agreement and error read apart at a glance.
            const QColor hue = r == c ? QColor(0x2f, 0x6f, 0xb5) : QColor(0xc2, 0x41, 0x33);
            QColor fill = hue;
            fill.setAlphaF(0.08 + 0.85 * share);
            p.fillRect(cell, fill);
            if (r == hoverRow_ && c == hoverColumn_) {
                p.setPen(QPen(palette().color(QPalette::Highlight), 2));
                p.drawRect(cell);
            }
            p.setPen(share > 0.55 ? Qt::white : palette().color(QPalette::Text));
            p.drawText(cell, Qt::AlignCenter, QString::number(count(r, c)));
        }
        p.setPen(palette().color(QPalette::WindowText));
        const QRect rowLabel(kMargin, cellRect(r, 0).top(), kLeftLabels - 6, cellRect(r, 0).height());
        p.drawText(rowLabel, Qt::AlignRight | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(classes_[r], Qt::ElideRight, rowLabel.width()));
    }
    for (int c = 0; c < n; ++c) {
        const QRect colLabel(cellRect(0, c).left(), kMargin + kTopLabels / 2, cellRect(0, c).width(), kTopLabels / 2);
        p.drawText(colLabel, Qt::AlignCenter,
                   p.fontMetrics().elidedText(classes_[c], Qt::ElideRight, colLabel.width()));
    }
    p.save();
    p.translate(kMargin + 2, g.center().y());
    p.rotate(-90);
    p.drawText(QRect(-g.height() / 2, -2, g.height(), 16), Qt::AlignCenter,
               p.fontMetrics().elidedText(tr("%1 (rows)").arg(reference_), Qt::ElideMiddle, g.height()));
    p.restore();
}

void ConfusionHeatmap::mousePressEvent(QMouseEvent* event) {
    const int n = int(classes_.size());
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (cellRect(r, c).contains(event->position().toPoint())) {
                emit cellClicked(r, c);
                return;
            }
    QWidget::mousePressEvent(event);
}

void ConfusionHeatmap::mouseMoveEvent(QMouseEvent* event) {
    int hr = -1, hc = -1;
    const int n = int(classes_.size());
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (cellRect(r, c).contains(event->position().toPoint())) {
                hr = r;
                hc = c;
            }
    if (hr != hoverRow_ || hc != hoverColumn_) {
        hoverRow_ = hr;
        hoverColumn_ = hc;
        setCursor(hr >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
}

void ConfusionHeatmap::leaveEvent(QEvent*) {
    hoverRow_ = hoverColumn_ = -1;
    update();
}

}  // namespace ui
}  // namespace motor
