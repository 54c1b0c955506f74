#include "core/media/WavFile.h"

#include <QtEndian>
#include <algorithm>
#include <cmath>

namespace motor::media {
namespace {

void put32(QByteArray& out, quint32 v) {
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}
void put16(QByteArray& out, quint16 v) {
    char b[2];
    qToLittleEndian(v, b);
    out.append(b, 2);
}

}  // namespace

QByteArray wavFile(const PcmAudio& pcm) {
    const int channels = pcm.format.channels;
    const qint64 samples = pcm.frameCount() * channels;
    const quint32 dataBytes = quint32(samples * 2);
    QByteArray out;
    out.reserve(int(44 + dataBytes));
    out.append("RIFF", 4);
    put32(out, 36 + dataBytes);
    out.append("WAVE", 4);
    out.append("fmt ", 4);
    put32(out, 16);
    put16(out, 1);  // PCM
    put16(out, quint16(channels));
    put32(out, quint32(pcm.format.sampleRate));
    put32(out, quint32(pcm.format.sampleRate * channels * 2));
    put16(out, quint16(channels * 2));
    put16(out, 16);
    out.append("data", 4);
    put32(out, dataBytes);
    const qsizetype at = out.size();
    out.resize(at + qsizetype(dataBytes));
    char* dst = out.data() + at;
    for (qint64 i = 0; i < samples; ++i) {
        qint16 v = 0;
        if (pcm.format.format == SampleFormat::Float32) {
            const float f = std::clamp(pcm.floats()[i], -1.0f, 1.0f);
            v = qint16(std::lround(f * 32767.0f));
        } else {
            v = pcm.s16()[i];
        }
        qToLittleEndian(v, dst + 2 * i);
    }
    return out;
}

}  // namespace motor::media
