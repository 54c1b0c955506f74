#pragma once
// A file being written by a muxer. Everything goes to "<path>.partial" and is renamed over
// <path> only by finish(), so a crash, a full disk or a cancelled job never leaves a
// half-written clip under the real name. MP4/MOV get +faststart (moov first) so that
// GStreamer/QtMultimedia can start playing without reading the whole file.
#include <QString>
#include <memory>

#include "core/media/AvHandles.h"
#include "core/util/Result.h"

namespace motor::media {

class MediaOutput {
public:
    static Result<std::unique_ptr<MediaOutput>> create(const QString& path);
    ~MediaOutput();
    MediaOutput(const MediaOutput&) = delete;
    MediaOutput& operator=(const MediaOutput&) = delete;

    const QString& path() const { return path_; }
    // Encoders must set AV_CODEC_FLAG_GLOBAL_HEADER before opening when this is true.
    bool needsGlobalHeader() const;

    Result<int> addStream(const AVCodecContext* encoder);
    Result<int> addCopiedStream(const AVStream* source);
    // Records a clockwise display rotation (phones' portrait video) as the stream's
    // display matrix. Before begin().
    Status setDisplayRotation(int streamIndex, int clockwiseDeg);
    Status begin();
    // Rescales from packetTimeBase to the stream's and interleaves. Takes the packet's data.
    Status write(AVPacket* packet, int streamIndex, AVRational packetTimeBase);
    Status finish();

private:
    MediaOutput(QString path, QString partialPath);

    QString path_;
    QString partialPath_;
    OutputFormatPtr format_;
    bool begun_ = false;
    bool finished_ = false;
};

}  // namespace motor::media
