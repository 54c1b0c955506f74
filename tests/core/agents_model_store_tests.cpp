// Where the engine finds models named without a path: $MOTOR_MODELS_DIR, else the XDG
// cache ($XDG_CACHE_HOME/motor-studio/models). A path that exists always wins.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "core/agents/local/LocalModel.h"
#include "motor/gpu/model_writer.h"

using namespace motor;
using namespace motor::agents;

namespace {

// Sets an environment variable for one test and restores it afterwards.
struct ScopedEnv {
    ScopedEnv(const char* name, const QString& value)
        : name_(name), had_(qEnvironmentVariableIsSet(name)), old_(qgetenv(name)) {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value.toUtf8());
    }
    ~ScopedEnv() {
        if (had_)
            qputenv(name_, old_);
        else
            qunsetenv(name_);
    }
    const char* name_;
    bool had_;
    QByteArray old_;
};

}  // namespace

TEST(ModelStore, FollowsXdgCacheHomeUnlessOverridden) {
    QTemporaryDir dir;
    ScopedEnv noOverride("MOTOR_MODELS_DIR", QString());
    ScopedEnv cache("XDG_CACHE_HOME", dir.filePath(QStringLiteral("cache")));
    EXPECT_EQ(modelsDirectory(), dir.filePath(QStringLiteral("cache/motor-studio/models")));
    ScopedEnv overridden("MOTOR_MODELS_DIR", dir.filePath(QStringLiteral("elsewhere/")));
    EXPECT_EQ(modelsDirectory(), dir.filePath(QStringLiteral("elsewhere")));
}

TEST(ModelStore, ResolvesBareNamesInTheStoreAndLeavesPathsAlone) {
    QTemporaryDir store, work;
    ScopedEnv env("MOTOR_MODELS_DIR", store.path());
    QFile inStore(store.filePath(QStringLiteral("tiny.gguf")));
    ASSERT_TRUE(inStore.open(QIODevice::WriteOnly));
    inStore.close();
    EXPECT_EQ(resolveModelPath(QStringLiteral("tiny.gguf")), store.filePath(QStringLiteral("tiny.gguf")));
    // A name that is nowhere comes back unchanged so the error names what was typed.
    EXPECT_EQ(resolveModelPath(QStringLiteral("missing.gguf")), QStringLiteral("missing.gguf"));
    EXPECT_EQ(resolveModelPath(QString()), QString());
    // An existing path wins over the store; a path with '/' is never looked up there.
    const QString local = work.filePath(QStringLiteral("tiny.gguf"));
    QFile here(local);
    ASSERT_TRUE(here.open(QIODevice::WriteOnly));
    here.close();
    EXPECT_EQ(resolveModelPath(local), local);
    EXPECT_EQ(resolveModelPath(QStringLiteral("sub/tiny.gguf")), QStringLiteral("sub/tiny.gguf"));
}

TEST(ModelStore, LocalBackendLoadsAModelByItsNameInTheStore) {
    QTemporaryDir store;
    ScopedEnv env("MOTOR_MODELS_DIR", store.path());
    gpu::RandomModelSpec spec;
    spec.config = gpu::makeRandomModelConfig(gpu::Architecture::Qwen2, 64, 1, 4, 2, 128, 400);
    ASSERT_TRUE(gpu::writeRandomModelGguf(spec, store.filePath(QStringLiteral("named.gguf")).toStdString()).ok());
    LocalOptions o;
    o.modelPath = QStringLiteral("named.gguf");
    o.threads = 1;
    auto m = LocalModel::load(o);
    ASSERT_TRUE(m.ok()) << qPrintable(m.error().message);
    EXPECT_EQ(m.value()->identity().value(QStringLiteral("path")).toString(),
              store.filePath(QStringLiteral("named.gguf")));
    o.modelPath = QStringLiteral("absent.gguf");
    EXPECT_FALSE(LocalModel::load(o).ok());
}
