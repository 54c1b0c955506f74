#include "core/support/TestProject.h"

#include <QCryptographicHash>
#include <QFile>

namespace motor::test {

std::unique_ptr<Project> makeProject(const QString& path, int clips) {
    auto p = Project::create(path, Codebook::motorDefault());
    if (!p) qFatal("makeProject: %s", qPrintable(p.error().message));
    auto project = std::move(p.value());
    auto st = project->transaction([&]() -> Status {
        Media m;
        m.path = QStringLiteral("media/recording.mp4");
        m.sizeBytes = 1000;
        m.contentHash = QStringLiteral("test");
        m.durationMs = int64_t(clips) * 6000;
        m.fps = 25;
        m.width = 640;
        m.height = 360;
        auto mediaId = project->addMedia(m);
        if (!mediaId) return mediaId.error();
        for (int i = 0; i < clips; ++i) {
            Clip c;
            c.key = QStringLiteral("c%1").arg(i + 1, 3, 10, QLatin1Char('0'));
            c.mediaId = mediaId.value();
            c.startMs = i * 6000;
            c.endMs = i * 6000 + 6000;
            c.group = QStringLiteral("G%1").arg(i % 3 + 1);
            if (auto r = project->addClip(c); !r) return r.error();
        }
        return {};
    });
    if (!st) qFatal("makeProject: %s", qPrintable(st.error().message));
    return project;
}

QByteArray fileSha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

}  // namespace motor::test
