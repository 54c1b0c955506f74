// Speech recognition benchmark: real-time factor (processing time / audio time) of
// SpeechModel::transcribe on a recording made of the committed espeak-ng sentences
// (tests/data/whisper/en.wav, fi.wav) with 1 s pauses, repeated to the asked length.
// PyTorch's side is tests/reference/bench_whisper.py; docs/PERFORMANCE.md "Speech
// recognition (CPU)" records both.
//
//   motor_whisper_bench MODEL [--seconds N] [--threads N] [--beam N] [--language fi|en]
//                       [--decode-steps N] [--no-transcribe]
//                       [--wav PATH] [--best-of N] [--no-vad] [--text OUT]
//
// --wav PATH transcribes that file (16-bit PCM, 16 kHz mono) instead of the built
// recording, whole (--seconds is ignored); --best-of N sets the samples per window at
// temperature > 0 (5 by default, as openai's transcribe); --no-vad decodes silence too,
// as whisper.cpp does by default; --text OUT writes the transcript, one segment a line
// (for a word error rate beside another tool's output).
//
// --decode-steps N also times greedy decoding of one window, up to N tokens, per token
// (tests/reference/bench_whisper.py --decode-steps N is PyTorch's side); with
// --no-transcribe only the encoder and that decoding run: for random-weight models of a
// large shape (tests/reference/make_whisper_shape.py), whose transcription would run to
// the token limit at every fallback temperature and measure nothing a real model does.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "motor/gpu/speech.h"

using namespace motor::gpu;

namespace {

std::vector<float> readWav(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::vector<char> b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    std::vector<float> out;
    size_t pos = 12;
    while (pos + 8 <= b.size()) {
        uint32_t size = 0;
        std::memcpy(&size, b.data() + pos + 4, 4);
        if (std::memcmp(b.data() + pos, "data", 4) == 0) {
            for (size_t i = 0; i + 1 < size && pos + 9 + i < b.size(); i += 2) {
                int16_t s = 0;
                std::memcpy(&s, b.data() + pos + 8 + i, 2);
                out.push_back(float(s) / 32768.0f);
            }
            break;
        }
        pos += 8 + size + (size & 1);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: %s MODEL [--seconds N] [--threads N] [--beam N] [--language fi|en] [--decode-steps N]\n"
                     "       [--no-transcribe] [--wav PATH] [--best-of N] [--no-vad] [--text OUT]\n",
                     argv[0]);
        return 2;
    }
    double seconds = 60;
    int threads = 0, beam = 5, decodeSteps = 0;
    bool transcribe = true;
    std::string language = "en", wavPath, textPath;
    int bestOf = 5;
    bool vad = true;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--no-transcribe")) {
            transcribe = false;
            continue;
        }
        if (!std::strcmp(argv[i], "--no-vad")) {
            vad = false;
            continue;
        }
        if (i + 1 >= argc) break;
        if (!std::strcmp(argv[i], "--decode-steps"))
            decodeSteps = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seconds"))
            seconds = std::atof(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--beam"))
            beam = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--language"))
            language = argv[i + 1];
        else if (!std::strcmp(argv[i], "--wav"))
            wavPath = argv[i + 1];
        else if (!std::strcmp(argv[i], "--best-of"))
            bestOf = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--text"))
            textPath = argv[i + 1];
        ++i;
    }
    std::vector<float> pcm;
    if (!wavPath.empty()) {
        pcm = readWav(wavPath);
        if (pcm.empty()) {
            std::fprintf(stderr, "%s: no 16-bit PCM data\n", wavPath.c_str());
            return 1;
        }
        seconds = double(pcm.size()) / 16000;
    } else {
        const std::string data = std::string(MOTOR_TEST_DATA) + "/whisper/";
        const auto en = readWav(data + "en.wav"), fi = readWav(data + "fi.wav");
        while (double(pcm.size()) < seconds * 16000) {
            for (const auto* part : {&en, &fi}) {
                pcm.insert(pcm.end(), part->begin(), part->end());
                pcm.resize(pcm.size() + 16000, 0.0f);
            }
        }
        pcm.resize(size_t(seconds * 16000));
    }
    auto t0 = std::chrono::steady_clock::now();
    auto w = openModel(argv[1]);
    if (!w) {
        std::fprintf(stderr, "%s\n", w.error().message.c_str());
        return 1;
    }
    auto m = SpeechModel::load(std::move(w.value()), threads);
    if (!m) {
        std::fprintf(stderr, "%s\n", m.error().message.c_str());
        return 1;
    }
    const double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    SpeechOptions o;
    o.language = language;
    o.beamSize = beam;
    o.bestOf = bestOf;
    o.vad.enabled = vad;
    std::printf("model %s: %d+%d layers, width %d; audio %.0f s, beam %d, best of %d, vad %s, threads %d\n", argv[1],
                m.value()->config().audioLayers, m.value()->config().textLayers, m.value()->config().audioDim, seconds,
                beam, bestOf, vad ? "on" : "off", threads);
    std::printf("load %.2f s\n", load);
    if (transcribe) {
        t0 = std::chrono::steady_clock::now();
        auto t = m.value()->transcribe(pcm, o);
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!t) {
            std::fprintf(stderr, "%s\n", t.error().message.c_str());
            return 1;
        }
        size_t tokens = 0;
        for (const SpeechSegment& s : t->segments) tokens += s.tokens.size();
        std::printf("transcribe %.2f s, %d windows, %d segments, %zu tokens, %d fallbacks: real-time factor %.3f\n",
                    secs, t->windows, int(t->segments.size()), tokens, t->fallbacks, secs / seconds);
        if (!textPath.empty()) {
            std::ofstream out(textPath);
            for (const SpeechSegment& s : t->segments) out << s.text << '\n';
        }
    }
    // The encoder alone on one 30 s window (the part tests/reference/bench_whisper.py
    // times in PyTorch).
    std::vector<float> window(pcm.begin(), pcm.begin() + std::min<size_t>(pcm.size(), 30 * 16000));
    window.resize(30 * 16000, 0.0f);
    const auto mel = m.value()->logMel(window);
    const auto e0 = std::chrono::steady_clock::now();
    auto enc = m.value()->encode(mel);
    const double encSecs = std::chrono::duration<double>(std::chrono::steady_clock::now() - e0).count();
    if (!enc) return 1;
    std::printf("encoder, one 30 s window: %.2f s\n", encSecs);
    if (decodeSteps > 0) {
        SpeechDecodeOptions d;
        d.maxTokens = decodeSteps;
        if (m.value()->tokenIds().multilingual()) d.language = m.value()->tokenIds().languageId(language);
        d.suppressBlank = false;
        const auto d0 = std::chrono::steady_clock::now();
        auto r = m.value()->decodeWindow(enc.value(), d);
        const double decSecs = std::chrono::duration<double>(std::chrono::steady_clock::now() - d0).count();
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().message.c_str());
            return 1;
        }
        const size_t n = std::max<size_t>(1, r->tokens.size());
        std::printf("greedy decoding of one window: %zu tokens in %.2f s, %.1f ms per token\n", r->tokens.size(),
                    decSecs, 1000 * decSecs / double(n));
    }
    return 0;
}
