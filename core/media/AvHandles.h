#pragma once
// RAII owners for every FFmpeg handle that core/media touches. FFmpeg's free functions
// take a pointer-to-pointer and null it; the deleters adapt that to std::unique_ptr so a
// early return anywhere in the media code cannot leak or double-free.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/frame.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <memory>

namespace motor::media {

struct InputFormatDeleter {
    void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};
// Output contexts are not opened by avformat_open_input, so they are closed differently:
// the AVIOContext (if the muxer needed a file) is closed, then the context freed.
struct OutputFormatDeleter {
    void operator()(AVFormatContext* ctx) const {
        if (ctx == nullptr) return;
        if (ctx->oformat != nullptr && !(ctx->oformat->flags & AVFMT_NOFILE)) avio_closep(&ctx->pb);
        avformat_free_context(ctx);
    }
};
struct CodecContextDeleter {
    void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
struct FrameDeleter {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketDeleter {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct SwsContextDeleter {
    void operator()(SwsContext* ctx) const { sws_freeContext(ctx); }
};
struct SwrContextDeleter {
    void operator()(SwrContext* ctx) const { swr_free(&ctx); }
};
struct AudioFifoDeleter {
    void operator()(AVAudioFifo* fifo) const { av_audio_fifo_free(fifo); }
};

using InputFormatPtr = std::unique_ptr<AVFormatContext, InputFormatDeleter>;
using OutputFormatPtr = std::unique_ptr<AVFormatContext, OutputFormatDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextDeleter>;
using SwrContextPtr = std::unique_ptr<SwrContext, SwrContextDeleter>;
using AudioFifoPtr = std::unique_ptr<AVAudioFifo, AudioFifoDeleter>;

inline FramePtr makeFrame() {
    return FramePtr(av_frame_alloc());
}

// An initialised resampler from in's channel layout, sample format and rate to the given
// output. A frame whose layout is unspecified gets the default layout of its channel
// count. On failure: nullptr, and the libav error code in rc.
inline SwrContextPtr makeResampler(const AVFrame& in, const AVChannelLayout& outLayout, AVSampleFormat outFormat,
                                   int outRate, int& rc) {
    AVChannelLayout inLayout{};  // zeroed: av_channel_layout_copy uninits its target
    if (in.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&inLayout, in.ch_layout.nb_channels);
    else
        av_channel_layout_copy(&inLayout, &in.ch_layout);
    SwrContext* raw = nullptr;
    // FFmpeg 5.1 declares the layouts non-const but only reads them.
    rc = swr_alloc_set_opts2(&raw, const_cast<AVChannelLayout*>(&outLayout), outFormat, outRate, &inLayout,
                             static_cast<AVSampleFormat>(in.format), in.sample_rate, 0, nullptr);
    av_channel_layout_uninit(&inLayout);
    SwrContextPtr swr(raw);
    if (rc < 0 || (rc = swr_init(swr.get())) < 0) return nullptr;
    return swr;
}
inline PacketPtr makePacket() {
    return PacketPtr(av_packet_alloc());
}

}  // namespace motor::media
