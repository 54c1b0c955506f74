#include "core/agents/ClipContext.h"

#include <algorithm>

#include "core/store/Project.h"

namespace motor::agents {

Result<ClipContext> loadClipContext(Project& project, const Clip& clip, const ClipContextOptions& options,
                                    const FrameSource& frames) {
    ClipContext ctx;
    ctx.clip = clip;
    auto utterances = project.utterances(clip.mediaId, clip.startMs, clip.endMs);
    if (!utterances)
        return makeError(QStringLiteral("clip %1: transcript: %2").arg(clip.key, utterances.error().message));
    ctx.transcript = std::move(utterances.value());
    std::stable_sort(ctx.transcript.begin(), ctx.transcript.end(),
                     [](const Utterance& a, const Utterance& b) { return a.startMs < b.startMs; });
    if (options.withFrames && frames) {
        auto media = project.mediaById(clip.mediaId);
        if (!media) return makeError(QStringLiteral("clip %1: %2").arg(clip.key, media.error().message));
        auto sampled = frames(project.absoluteMediaPath(media.value()), clip.startMs, clip.endMs, options.frameCount,
                              options.frameSize);
        if (!sampled) return makeError(QStringLiteral("clip %1: frames: %2").arg(clip.key, sampled.error().message));
        ctx.frames = std::move(sampled.value());
        ctx.framesUsed = !ctx.frames.isEmpty();
    }
    return ctx;
}

}  // namespace motor::agents
