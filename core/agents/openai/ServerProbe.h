#pragma once
// What a run learns from a server before its first clip: the models it serves, how
// long its context is and whether requests in flight share it, how many it decodes at
// once, and (one tiny request) whether it takes pictures at all. Servers say these in
// their own places: vLLM's /v1/models gives max_model_len; llama.cpp's /v1/models gives
// meta.n_ctx and its /props the slots and modalities; llama-cpp-python says none.
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "core/agents/LanguageModel.h"
#include "core/util/Result.h"

class QNetworkAccessManager;

namespace motor::agents {

enum class ImageSupport { Unknown, Yes, No };

struct ServerInfo {
    QString software;            // "vllm", "llama.cpp", "llama-cpp-python" or empty
    QStringList models;          // what /v1/models lists
    int contextTokens = 0;       // one request's maximum (0: the server did not say)
    bool contextShared = false;  // requests in flight share contextTokens (llama.cpp's unified cache)
    int slotCount = 0;           // requests the server decodes at once (0: not said)
    ImageSupport images = ImageSupport::Unknown;
    QString imageRefusal;  // the server's words when it refused a picture

    QJsonObject toJson() const;
};

struct ProbeOptions {
    QUrl base;  // the server's ".../v1"
    QString model;
    QString apiKey;
    bool images = false;  // the run sends frames: check that the server takes them
    int timeoutMs = 30000;
    int attempts = 4;  // a server still loading its model answers 503 for a while
    int backoffMs = 500;
};

// Fails when the server cannot be reached, refuses the key or does not serve the
// model; the message names the server and what to do. A server that takes no pictures
// is not an error here: info.images says No and the caller decides.
Result<ServerInfo> probeServer(QNetworkAccessManager& nam, const ProbeOptions& options, const CancelFlag* cancel);

// A 16x16 grey JPEG as a data URL: the smallest picture every vision server accepts.
QString probeImageDataUrl();

}  // namespace motor::agents
