#pragma once

namespace motor::media {

// How a picture is fitted into a requested output size.
enum class FitMode {
    Stretch,    // fill the size, distorting the aspect ratio
    Letterbox,  // keep the aspect ratio, pad with black bars
    Native,     // the picture's own display size (the requested size is ignored)
};

}  // namespace motor::media
