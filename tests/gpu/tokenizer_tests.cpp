// Tokenizers: the real stories260K SentencePiece vocabulary and a handmade byte-level
// BPE vocabulary, round trips of Finnish text and emoji, special tokens, streaming.
#include <gtest/gtest.h>

#include <filesystem>

#include "motor/gpu/model_writer.h"
#include "motor/gpu/token_stream_decoder.h"
#include "motor/gpu/tokenizer.h"
#include "motor/gpu/weights.h"
#include "tokenizer/pretokenizer.h"
#include "tokenizer/utf8.h"

namespace mg = motor::gpu;
using Ids = std::vector<int32_t>;

namespace {

std::string storiesPath() {
    return std::string(MOTOR_SHARED_TESTDATA) + "/models/stories260K.gguf";
}

struct Stories {
    std::unique_ptr<mg::ModelWeights> model;
    std::optional<mg::Tokenizer> tok;
};

Stories loadStories() {
    Stories s;
    auto m = mg::openModel(storiesPath());
    if (!m) return s;
    auto t = mg::Tokenizer::create(m.value()->tokenizerData());
    if (!t) return s;
    s.model = std::move(m.value());
    s.tok.emplace(t.value());
    return s;
}

#define LOAD_STORIES(s)                                                                                           \
    if (!std::filesystem::exists(storiesPath())) GTEST_SKIP() << "shared test data not found: " << storiesPath(); \
    Stories s = loadStories();                                                                                    \
    ASSERT_TRUE(s.tok.has_value())

// A byte-level vocabulary small enough to reason about: the 256 byte symbols, merges
// "Ġ t" -> "Ġt", "h e" -> "he", "Ġt he" -> "Ġthe", "ä n" -> "än", and the chat tokens.
mg::TokenizerData handmadeByteLevel(const std::string& pre) {
    mg::TokenizerData d;
    d.kind = mg::TokenizerKind::ByteLevelBpe;
    d.preTokenizer = pre;
    d.addBos = false;
    d.addSpacePrefix = false;
    for (int b = 0; b < 256; ++b) d.tokens.push_back(mg::tok::byteToUnicode(static_cast<uint8_t>(b)));
    const std::string a_umlaut =
        mg::tok::byteToUnicode(0xC3) + mg::tok::byteToUnicode(0xA4);  // "ä" as two byte symbols
    d.merges = {"\xC4\xA0 t", "h e", "\xC4\xA0t he", mg::tok::byteToUnicode(0xC3) + " " + mg::tok::byteToUnicode(0xA4),
                a_umlaut + " n"};
    d.tokens.push_back("\xC4\xA0t");     // 256
    d.tokens.push_back("he");            // 257
    d.tokens.push_back("\xC4\xA0the");   // 258
    d.tokens.push_back(a_umlaut);        // 259
    d.tokens.push_back(a_umlaut + "n");  // 260
    d.types.assign(d.tokens.size(), mg::TokenType::Normal);
    for (const char* s : {"<|endoftext|>", "<|im_start|>", "<|im_end|>"}) {  // 261, 262, 263
        d.tokens.push_back(s);
        d.types.push_back(mg::TokenType::Control);
    }
    d.bos = 261;
    d.eos = 263;
    d.extraEos = {261};
    return d;
}

std::vector<std::string> words(std::string_view text, mg::tok::PreTokenizerKind k) {
    std::vector<std::string> out;
    for (auto w : mg::tok::preTokenize(text, k)) out.emplace_back(w);
    return out;
}

using VS = std::vector<std::string>;

}  // namespace

TEST(TokenizerSpm, StoriesOnceUponATimeKnownIds) {
    LOAD_STORIES(s);
    // With the dummy prefix the text is "▁Once▁upon▁a▁time"; each word with its
    // leading ▁ is one vocabulary entry reachable by score-ordered merges:
    // <s>=1, ▁Once=403, ▁upon=407, ▁a=261, ▁time=378.
    const Ids ids = s.tok->encode("Once upon a time");
    EXPECT_EQ(ids, (Ids{1, 403, 407, 261, 378}));
    const auto& tokens = s.model->tokenizerData().tokens;
    EXPECT_EQ(tokens[403], "\xE2\x96\x81Once");
    EXPECT_EQ(tokens[378], "\xE2\x96\x81time");
    EXPECT_EQ(s.tok->decode(ids), "Once upon a time");
    EXPECT_EQ(s.tok->encode("Once upon a time", mg::Tokenizer::AddSpecial::No), (Ids{403, 407, 261, 378}));
}

TEST(TokenizerSpm, TokenPiecesAreDecodedBytes) {
    LOAD_STORIES(s);
    EXPECT_EQ(s.tok->tokenPiece(403), " Once");
    EXPECT_EQ(s.tok->tokenPiece(3), std::string(1, '\0'));  // <0x00>
    EXPECT_EQ(s.tok->tokenPiece(3 + 0xC3), "\xC3");
    EXPECT_EQ(s.tok->tokenPiece(1), "<s>");
    EXPECT_TRUE(s.tok->isControl(1));
    EXPECT_TRUE(s.tok->isEndOfGeneration(2));
    EXPECT_EQ(s.tok->tokenPiece(-1), "");
    EXPECT_EQ(s.tok->tokenPiece(100000), "");
}

TEST(TokenizerSpm, FinnishAndEmojiRoundTripThroughByteFallback) {
    LOAD_STORIES(s);
    for (const std::string text :
         {"Hyvää huomenta, äiti! Åbo ja öljy.", "emoji 😀 and 🇫🇮 flag", "  two  spaces\nnew line\t tab", "", "日本語"}) {
        const Ids ids = s.tok->encode(text);
        EXPECT_EQ(s.tok->decode(ids), text) << text;
    }
    // ä is not in this tiny vocabulary, so it is spelled with its two UTF-8 bytes.
    const Ids ids = s.tok->encode("ä", mg::Tokenizer::AddSpecial::No);
    ASSERT_GE(ids.size(), 2u);
    EXPECT_EQ(ids[ids.size() - 2], 3 + 0xC3);
    EXPECT_EQ(ids.back(), 3 + 0xA4);
}

TEST(TokenizerSpm, SpecialTokensParsedOnlyWhenAsked) {
    LOAD_STORIES(s);
    const Ids parsed = s.tok->encode("</s>", mg::Tokenizer::AddSpecial::No);
    EXPECT_EQ(parsed, (Ids{2}));
    const Ids plain = s.tok->encode("</s>", mg::Tokenizer::AddSpecial::No, mg::Tokenizer::SpecialText::Plain);
    EXPECT_GT(plain.size(), 1u);
    EXPECT_EQ(s.tok->decode(plain), "</s>");
}

TEST(TokenizerSpm, StreamingHoldsBackSplitCharacters) {
    LOAD_STORIES(s);
    const Ids ids = s.tok->encode("a😀b", mg::Tokenizer::AddSpecial::No);
    mg::TokenStreamDecoder dec(*s.tok, mg::TokenStreamDecoder::Start::TextStart);
    std::string all;
    std::vector<std::string> pieces;
    for (int32_t id : ids) {
        pieces.push_back(dec.push(id));
        all += pieces.back();
        EXPECT_EQ(mg::tok::sanitizeUtf8(pieces.back()), pieces.back()) << "every piece is valid UTF-8";
    }
    all += dec.finish();
    EXPECT_EQ(all, "a😀b");
    // The emoji arrives as four byte tokens; the first three yield nothing.
    int empties = 0;
    for (const auto& p : pieces) empties += p.empty();
    EXPECT_GE(empties, 3);
}

TEST(TokenizerByteLevel, MergesByRankAndRoundTrips) {
    auto t = mg::Tokenizer::create(handmadeByteLevel("qwen2"));
    ASSERT_TRUE(t.ok()) << t.error().message;
    // " the" -> bytes Ġ t h e -> Ġt (rank 0), he (rank 1), Ġthe (rank 2).
    EXPECT_EQ(t->encode(" the", mg::Tokenizer::AddSpecial::No), (Ids{258}));
    // "hän": h, ä (two bytes merged by rank 3, then än by rank 4).
    EXPECT_EQ(t->encode("hän"), (Ids{'h', 260}));
    for (const std::string text : {"Hyvää päivää, Åsa! Öljyä?", "Emoji: 😀👍🏽 🇫🇮",
                                   "tabs\tand\r\nlines  end  ", "123456 7.5", "it's I'LL we've", ""}) {
        EXPECT_EQ(t->decode(t->encode(text)), text) << text;
    }
    EXPECT_EQ(t->tokenPiece(256), " t");
    EXPECT_EQ(t->tokenPiece(0xC3), "\xC3");
}

TEST(TokenizerByteLevel, ChatSpecialTokens) {
    auto t = mg::Tokenizer::create(handmadeByteLevel("qwen2"));
    ASSERT_TRUE(t.ok()) << t.error().message;
    const Ids ids = t->encode("<|im_start|>user\nhe<|im_end|>");
    ASSERT_EQ(ids.size(), 1u + 5 + 1 + 1);  // <|im_start|> u s e r \n he <|im_end|>
    EXPECT_EQ(ids.front(), 262);
    EXPECT_EQ(ids[5], '\n');
    EXPECT_EQ(ids[6], 257);
    EXPECT_EQ(ids.back(), 263);
    EXPECT_EQ(t->decode(ids), "user\nhe");
    EXPECT_EQ(t->decode(ids, mg::Tokenizer::SpecialTokens::Render), "<|im_start|>user\nhe<|im_end|>");
    EXPECT_EQ(t->tokenId("<|im_start|>"), 262);
    EXPECT_TRUE(t->isEndOfGeneration(263));
    EXPECT_TRUE(t->isEndOfGeneration(261));
    EXPECT_FALSE(t->isEndOfGeneration(262));
    const Ids plain = t->encode("<|im_end|>", mg::Tokenizer::AddSpecial::No, mg::Tokenizer::SpecialText::Plain);
    EXPECT_EQ(plain.size(), 10u);
}

TEST(TokenizerByteLevel, StreamingEmojiSplitAcrossByteTokens) {
    auto t = mg::Tokenizer::create(handmadeByteLevel("llama3"));
    ASSERT_TRUE(t.ok()) << t.error().message;
    const Ids ids = t->encode("ä😀");
    ASSERT_EQ(ids.size(), 5u);  // "ä" merged, emoji as 4 byte tokens
    mg::TokenStreamDecoder dec(*t);
    EXPECT_EQ(dec.push(ids[0]), "ä");
    EXPECT_EQ(dec.push(ids[1]), "");
    EXPECT_EQ(dec.push(ids[2]), "");
    EXPECT_EQ(dec.push(ids[3]), "");
    EXPECT_EQ(dec.push(ids[4]), "😀");
    EXPECT_EQ(dec.push(0xF0), "");
    EXPECT_EQ(dec.finish(), "\xEF\xBF\xBD");  // an unfinished character becomes U+FFFD
    EXPECT_EQ(dec.push('x'), "x");
}

TEST(TokenizerByteLevel, GeneratedVocabularyRoundTrips) {
    for (auto arch : {mg::Architecture::Llama, mg::Architecture::Qwen2}) {
        auto t = mg::Tokenizer::create(mg::makeSmallByteLevelTokenizer(600, arch));
        ASSERT_TRUE(t.ok()) << t.error().message;
        EXPECT_EQ(t->vocabSize(), 600);
        const std::string text = "The students plan their work. Oppilaat suunnittelevat työnsä ja pohtivat tulosta 😀.";
        const Ids ids = t->encode(text);
        EXPECT_LT(ids.size(), text.size() / 2) << "merges should shorten ordinary text";
        EXPECT_EQ(t->decode(ids), text);
    }
}

TEST(PreTokenizer, Gpt2Words) {
    using K = mg::tok::PreTokenizerKind;
    EXPECT_EQ(words("Hello world", K::Gpt2), (VS{"Hello", " world"}));
    EXPECT_EQ(words("a  b", K::Gpt2), (VS{"a", " ", " b"}));
    EXPECT_EQ(words("it's 12345!", K::Gpt2), (VS{"it", "'s", " 12345", "!"}));
    EXPECT_EQ(words("end   ", K::Gpt2), (VS{"end", "   "}));
    EXPECT_EQ(words("Hyvää yötä", K::Gpt2), (VS{"Hyvää", " yötä"}));
}

TEST(PreTokenizer, Llama3SplitsDigitsInThreesAndKeepsNewlines) {
    using K = mg::tok::PreTokenizerKind;
    EXPECT_EQ(words("12345", K::Llama3), (VS{"123", "45"}));
    EXPECT_EQ(words("I'LL go", K::Llama3), (VS{"I", "'LL", " go"}));
    EXPECT_EQ(words("x\n\n  y", K::Llama3), (VS{"x", "\n\n", " ", " y"}));
    EXPECT_EQ(words("(äiti)", K::Llama3), (VS{"(\xC3\xA4iti", ")"}));
    EXPECT_EQ(words(" ...\n", K::Llama3), (VS{" ...\n"}));
    EXPECT_EQ(words("a 😀b", K::Llama3), (VS{"a", " 😀", "b"}));
}

TEST(PreTokenizer, Qwen2SplitsEveryDigit) {
    using K = mg::tok::PreTokenizerKind;
    EXPECT_EQ(words("x2024", K::Qwen2), (VS{"x", "2", "0", "2", "4"}));
    EXPECT_EQ(words("Åbo 3", K::Qwen2), (VS{"Åbo", " ", "3"}));
}

TEST(Utf8, CompletePrefixAndSanitize) {
    EXPECT_EQ(mg::tok::completeUtf8Prefix("ab\xF0\x9F"), 2u);
    EXPECT_EQ(mg::tok::completeUtf8Prefix("ab\xF0\x9F\x98\x80"), 6u);
    EXPECT_EQ(mg::tok::completeUtf8Prefix("\x80"), 1u);
    EXPECT_EQ(mg::tok::sanitizeUtf8("a\xFF"
                                    "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(mg::tok::sanitizeUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
}

TEST(TokenizerCreate, RejectsInconsistentData) {
    mg::TokenizerData d = handmadeByteLevel("gpt2");
    d.eos = 5000;
    EXPECT_FALSE(mg::Tokenizer::create(d).ok());
    d = handmadeByteLevel("gpt2");
    d.scores = {1.0f};
    EXPECT_FALSE(mg::Tokenizer::create(d).ok());
    EXPECT_FALSE(mg::Tokenizer::create(mg::TokenizerData{}).ok());
}

TEST(TokenizerByteLevel, IgnoreMergesTakesWholeWordTokens) {
    mg::TokenizerData d = handmadeByteLevel("llama3");
    // "Ġthey" is in the vocabulary but no merge builds it from "Ġthe" + "y".
    d.tokens.push_back("\xC4\xA0they");
    d.types.push_back(mg::TokenType::Normal);
    const int32_t they = static_cast<int32_t>(d.tokens.size()) - 1;
    auto merging = mg::Tokenizer::create(d);
    ASSERT_TRUE(merging.ok());
    EXPECT_EQ(merging->encode(" they"), (Ids{258, 'y'}));
    d.ignoreMerges = true;
    auto whole = mg::Tokenizer::create(d);
    ASSERT_TRUE(whole.ok());
    EXPECT_EQ(whole->encode(" they"), (Ids{they}));
    EXPECT_EQ(whole->encode(" the"), (Ids{258}));
}
