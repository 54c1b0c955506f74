#include "core/media/FrameConverter.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace motor::media {

namespace {
// Rotates packed RGB clockwise by 90, 180 or 270 degrees.
RgbFrame rotated(const RgbFrame& src, int rotationDeg) {
    RgbFrame dst;
    const bool swap = rotationDeg == 90 || rotationDeg == 270;
    dst.width = swap ? src.height : src.width;
    dst.height = swap ? src.width : src.height;
    dst.rgb.resize(src.rgb.size());
    for (int y = 0; y < src.height; ++y)
        for (int x = 0; x < src.width; ++x) {
            int dx = x;
            int dy = y;
            if (rotationDeg == 90) {
                dx = src.height - 1 - y;
                dy = x;
            } else if (rotationDeg == 180) {
                dx = src.width - 1 - x;
                dy = src.height - 1 - y;
            } else if (rotationDeg == 270) {
                dx = y;
                dy = src.width - 1 - x;
            }
            std::memcpy(dst.pixel(dx, dy), src.pixel(x, y), 3);
        }
    return dst;
}
}  // namespace

FrameConverter::Size FrameConverter::displaySize(const AVFrame* frame, int rotationDeg) {
    double w = frame->width;
    const double h = frame->height;
    const AVRational sar = frame->sample_aspect_ratio;
    if (sar.num > 0 && sar.den > 0) w = w * sar.num / sar.den;
    Size size{std::max(1, static_cast<int>(std::lround(w))), std::max(1, static_cast<int>(h))};
    if (rotationDeg == 90 || rotationDeg == 270) std::swap(size.width, size.height);
    return size;
}

std::optional<RgbFrame> FrameConverter::convert(const AVFrame* frame, int width, int height, FitMode fit,
                                                int rotationDeg) {
    if (fit == FitMode::Native) {
        const Size display = displaySize(frame, rotationDeg);
        width = display.width;
        height = display.height;
    }
    // The picture's box inside the output, in display orientation.
    int innerW = width;
    int innerH = height;
    if (fit == FitMode::Letterbox) {
        const Size display = displaySize(frame, rotationDeg);
        const double scale =
            std::min(static_cast<double>(width) / display.width, static_cast<double>(height) / display.height);
        innerW = std::clamp(static_cast<int>(std::lround(display.width * scale)), 1, width);
        innerH = std::clamp(static_cast<int>(std::lround(display.height * scale)), 1, height);
    }
    const bool swap = rotationDeg == 90 || rotationDeg == 270;
    const int scaledW = swap ? innerH : innerW;
    const int scaledH = swap ? innerW : innerH;

    // sws_getCachedContext frees the context it is given when it has to make a new one.
    sws_.reset(sws_getCachedContext(sws_.release(), frame->width, frame->height,
                                    static_cast<AVPixelFormat>(frame->format), scaledW, scaledH, AV_PIX_FMT_RGB24,
                                    SWS_BICUBIC | SWS_ACCURATE_RND, nullptr, nullptr, nullptr));
    if (!sws_) return std::nullopt;
    // HD footage is BT.709; swscale assumes BT.601 unless told.
    const int colorspace = frame->colorspace == AVCOL_SPC_UNSPECIFIED
                               ? (frame->height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601)
                               : frame->colorspace;
    const int srcFullRange = frame->color_range == AVCOL_RANGE_JPEG ? 1 : 0;
    sws_setColorspaceDetails(sws_.get(), sws_getCoefficients(colorspace), srcFullRange,
                             sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);

    RgbFrame scaled;
    scaled.width = scaledW;
    scaled.height = scaledH;
    scaled.rgb.resize(static_cast<std::size_t>(scaledW) * scaledH * 3);
    uint8_t* dst[1] = {scaled.rgb.data()};
    const int dstStride[1] = {3 * scaledW};
    sws_scale(sws_.get(), frame->data, frame->linesize, 0, frame->height, dst, dstStride);
    if (rotationDeg == 90 || rotationDeg == 180 || rotationDeg == 270) scaled = rotated(scaled, rotationDeg);

    if (scaled.width == width && scaled.height == height) return scaled;
    RgbFrame out;
    out.width = width;
    out.height = height;
    out.rgb.assign(static_cast<std::size_t>(width) * height * 3, 0);  // black bars
    const int x0 = (width - scaled.width) / 2;
    const int y0 = (height - scaled.height) / 2;
    for (int y = 0; y < scaled.height; ++y)
        std::memcpy(out.pixel(x0, y0 + y), scaled.pixel(0, y), static_cast<std::size_t>(scaled.width) * 3);
    return out;
}

}  // namespace motor::media
