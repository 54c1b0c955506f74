#include <gtest/gtest.h>

#include "core/media/JpegEncoder.h"
#include "core/media/SyntheticScene.h"
#include "core/media/Thumbnailer.h"
#include "media_fixtures.h"

extern "C" {
#include <libavcodec/avcodec.h>
}

using namespace motor::media;
using namespace motor::media::testing;

TEST(MediaThumbnailer, ScalesToMaxWidthKeepingAspect) {
    auto thumb = Thumbnailer::thumbnailAt(standardClip(), 2000, 160);
    ASSERT_TRUE(thumb.ok()) << thumb.error().message.toStdString();
    EXPECT_EQ(thumb->width, 160);
    EXPECT_EQ(thumb->height, 120);
    EXPECT_EQ(thumb->ptsMs, 2000);
    EXPECT_EQ(SyntheticScene::decodeFrameIndex(*thumb), 50);
}

TEST(MediaThumbnailer, NeverUpscales) {
    auto thumb = Thumbnailer::thumbnailAt(standardClip(), 0, 4000);
    ASSERT_TRUE(thumb.ok()) << thumb.error().message.toStdString();
    EXPECT_EQ(thumb->width, 320);
    EXPECT_EQ(thumb->height, 240);
}

TEST(MediaThumbnailer, TimeOutsideTheMediaIsAnError) {
    const QString path = standardClip();
    auto thumb = Thumbnailer::thumbnailAt(path, 60'000, 160);
    ASSERT_FALSE(thumb.ok());
    EXPECT_TRUE(thumb.error().message.startsWith(path));
    EXPECT_TRUE(thumb.error().message.contains(QStringLiteral("60000 ms")));
}

TEST(MediaJpegEncoder, EncodesADecodableJpeg) {
    auto thumb = Thumbnailer::thumbnailAt(standardClip(), 1000, 200);
    ASSERT_TRUE(thumb.ok());
    auto jpeg = JpegEncoder::encode(*thumb, 90);
    ASSERT_TRUE(jpeg.ok()) << jpeg.error().message.toStdString();
    ASSERT_GT(jpeg->size(), 100);
    EXPECT_EQ(static_cast<unsigned char>(jpeg->at(0)), 0xFF);
    EXPECT_EQ(static_cast<unsigned char>(jpeg->at(1)), 0xD8);
    EXPECT_EQ(static_cast<unsigned char>(jpeg->at(jpeg->size() - 2)), 0xFF);
    EXPECT_EQ(static_cast<unsigned char>(jpeg->at(jpeg->size() - 1)), 0xD9);

    // Decode it back and check size and the index strip survived.
    const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
    ASSERT_NE(codec, nullptr);
    AVCodecContext* ctx = avcodec_alloc_context3(codec);
    ASSERT_EQ(avcodec_open2(ctx, codec, nullptr), 0);
    AVPacket* pkt = av_packet_alloc();
    pkt->data = reinterpret_cast<uint8_t*>(jpeg->data());
    pkt->size = static_cast<int>(jpeg->size());
    AVFrame* frame = av_frame_alloc();
    ASSERT_EQ(avcodec_send_packet(ctx, pkt), 0);
    ASSERT_EQ(avcodec_receive_frame(ctx, frame), 0);
    EXPECT_EQ(frame->width, 200);
    EXPECT_EQ(frame->height, 150);
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&ctx);

    auto small = JpegEncoder::encode(*thumb, 5);
    ASSERT_TRUE(small.ok());
    EXPECT_LT(small->size(), jpeg->size());
}

TEST(MediaJpegEncoder, RejectsInconsistentFrame) {
    RgbFrame bad;
    bad.width = 10;
    bad.height = 10;
    bad.rgb.resize(5);
    EXPECT_FALSE(JpegEncoder::encode(bad).ok());
}
