#include "core/agents/PromptBuilder.h"

#include <QLocale>

namespace motor::agents {

namespace {

QString seconds(int64_t ms) {
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

QString jsonString(const QString& s) {
    QString out = QStringLiteral("\"");
    for (QChar c : s) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\')) out += QLatin1Char('\\');
        out += c;
    }
    return out + QLatin1Char('"');
}

}  // namespace

QString classList(const Dimension& dimension) {
    QStringList lines;
    for (const auto& c : dimension.classes) lines << QStringLiteral("- %1: %2").arg(c.name, c.definition);
    return lines.join(QLatin1Char('\n'));
}

QString transcriptText(const ClipContext& clip) {
    if (clip.transcript.isEmpty()) return QStringLiteral("(no speech in this clip)");
    QStringList lines;
    for (const auto& u : clip.transcript) {
        const int64_t rel = std::max<int64_t>(0, u.startMs - clip.clip.startMs);
        const QString speaker = u.speaker.isEmpty() ? QStringLiteral("?") : u.speaker;
        lines << QStringLiteral("[%1 s] %2: %3").arg(seconds(rel), speaker, u.text.simplified());
    }
    return lines.join(QLatin1Char('\n'));
}

PromptBuilder::PromptBuilder(Codebook codebook, PredictorMode mode, PromptLibrary library, int maxRationaleChars)
    : codebook_(std::move(codebook)),
      mode_(mode),
      library_(std::move(library)),
      maxRationaleChars_(maxRationaleChars) {}

QMap<QString, QString> PromptBuilder::baseValues() const {
    return {{QStringLiteral("codebook_name"), codebook_.name},
            {QStringLiteral("codebook_version"), QString::number(codebook_.version)},
            {QStringLiteral("max_rationale_chars"), QString::number(maxRationaleChars_)}};
}

Result<LmContent> PromptBuilder::system() const {
    auto text = library_.fill(
        mode_ == PredictorMode::NoSrl ? QStringLiteral("system_generic") : QStringLiteral("system"), baseValues());
    if (!text) return text.error();
    return LmContent{LmRole::System, text.value(), {}};
}

Result<LmContent> PromptBuilder::context(const ClipContext& clip) const {
    auto values = baseValues();
    const bool frames = modeUsesFrames(mode_) && clip.framesUsed && !clip.frames.isEmpty();
    values.insert(QStringLiteral("frames_note"),
                  frames ? QStringLiteral("The %1 pictures above are frames sampled uniformly over the clip.")
                               .arg(clip.frames.size())
                         : QStringLiteral("No video frames are available: judge from the transcript."));
    values.insert(QStringLiteral("clip_key"), clip.clip.key);
    values.insert(QStringLiteral("duration_s"), seconds(clip.clip.durationMs()));
    values.insert(QStringLiteral("group"), clip.clip.group.isEmpty() ? QStringLiteral("-") : clip.clip.group);
    values.insert(QStringLiteral("session"), clip.clip.session.isEmpty() ? QStringLiteral("-") : clip.clip.session);
    values.insert(QStringLiteral("transcript"), transcriptText(clip));
    auto text = library_.fill(QStringLiteral("context"), values);
    if (!text) return text.error();
    LmContent c{LmRole::User, text.value(), {}};
    if (frames) c.images = clip.frames;
    return c;
}

QString PromptBuilder::agentTemplateName(const Dimension& dimension) const {
    if (mode_ == PredictorMode::NoSrl) return QStringLiteral("agent_no_srl");
    const QString own = QStringLiteral("agent_") + dimension.name.toLower();
    return library_.has(own) ? own : QStringLiteral("agent_generic_srl");
}

Result<QString> PromptBuilder::outputFormat(const LmConstraint& constraint) const {
    QStringList parts;
    for (qsizetype i = 0; i < constraint.fields.size(); ++i) {
        QStringList quoted;
        for (const auto& l : constraint.fields[i].labels) quoted << jsonString(l);
        parts << QStringLiteral("%1: one of %2")
                     .arg(jsonString(replyKey(constraint, i)), quoted.join(QStringLiteral(" | ")));
    }
    parts << QStringLiteral("\"rationale\": a string");
    auto values = baseValues();
    values.insert(QStringLiteral("json_shape"),
                  QStringLiteral("{") + parts.join(QStringLiteral(", ")) + QStringLiteral("}"));
    return library_.fill(QStringLiteral("output_format"), values);
}

Result<LmRequest> PromptBuilder::agentRequest(const Dimension& dimension, const QVector<Anchor>& anchors) const {
    LmRequest r;
    r.constraint.maxRationaleChars = maxRationaleChars_;
    r.constraint.fields.push_back(LmLabelField{dimension.name, dimension.classNames()});
    auto values = baseValues();
    values.insert(QStringLiteral("dimension"), dimension.name);
    values.insert(QStringLiteral("dimension_description"), dimension.description);
    values.insert(QStringLiteral("classes"), classList(dimension));
    QString anchorText;
    if (!anchors.isEmpty()) {
        QStringList lines;
        for (const auto& a : anchors) lines << QStringLiteral("- %1: %2").arg(a.dimension, a.label);
        auto v = values;
        v.insert(QStringLiteral("anchor_lines"), lines.join(QLatin1Char('\n')));
        auto filled = library_.fill(QStringLiteral("anchors"), v);
        if (!filled) return filled.error();
        anchorText = filled.value();
    }
    values.insert(QStringLiteral("anchors"), anchorText);
    auto format = outputFormat(r.constraint);
    if (!format) return format.error();
    values.insert(QStringLiteral("output_format"), format.value());
    auto text = library_.fill(agentTemplateName(dimension), values);
    if (!text) return text.error();
    // An empty anchors block would leave a blank line; keep prompts tidy.
    r.instruction.text = text.value().replace(QStringLiteral("\n\n"), QStringLiteral("\n"));
    return r;
}

Result<LmRequest> PromptBuilder::singleAgentRequest() const {
    LmRequest r;
    r.constraint.maxRationaleChars = maxRationaleChars_;
    QStringList blocks;
    for (const auto& d : codebook_.dimensions) {
        r.constraint.fields.push_back(LmLabelField{d.name, d.classNames()});
        blocks << QStringLiteral("Dimension %1 (%2). Classes:\n%3").arg(d.name, d.description, classList(d));
    }
    auto values = baseValues();
    values.insert(QStringLiteral("dimensions"), blocks.join(QLatin1Char('\n')));
    auto format = outputFormat(r.constraint);
    if (!format) return format.error();
    values.insert(QStringLiteral("output_format"), format.value());
    auto text = library_.fill(QStringLiteral("single_agent"), values);
    if (!text) return text.error();
    r.instruction.text = text.value();
    return r;
}

QStringList PromptBuilder::templatesUsed() const {
    QStringList names{mode_ == PredictorMode::NoSrl ? QStringLiteral("system_generic") : QStringLiteral("system"),
                      QStringLiteral("context"), QStringLiteral("output_format")};
    if (mode_ == PredictorMode::SingleAgent) {
        names << QStringLiteral("single_agent");
    } else {
        names << QStringLiteral("anchors");
        for (const auto& d : codebook_.dimensions) {
            const QString n = agentTemplateName(d);
            if (!names.contains(n)) names << n;
        }
    }
    return names;
}

QJsonObject PromptBuilder::templateHashes() const {
    QJsonObject o;
    for (const auto& n : templatesUsed())
        if (const auto* t = library_.find(n)) o.insert(n, t->sha256);
    return o;
}

}  // namespace motor::agents
