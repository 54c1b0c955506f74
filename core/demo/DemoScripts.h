#pragma once
// Scripted Finnish group talk for the demo project: each script is what a group says
// in one clip, with the labels an SRL expert would give it.
#include <QString>
#include <QVector>

namespace motor::demo {

struct DemoLine {
    int speaker;  // 0..3 -> "Oppilas A".."Oppilas D"
    QString text;
};

struct DemoScript {
    QVector<DemoLine> lines;
    QString behavior;
    QString cognition;
    QString emotion;
};

const QVector<DemoScript>& demoScripts();
QString demoSpeakerName(int speaker);

}  // namespace motor::demo
