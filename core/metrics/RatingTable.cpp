#include "core/metrics/RatingTable.h"

#include <algorithm>

namespace motor::metrics {

RatingTable::RatingTable(QStringList classes) : classes_(std::move(classes)) {
    // A codebook with a repeated class name would make the name -> index map
    // ambiguous; the first occurrence wins, as in the codebook's own order.
    for (int i = 0; i < classes_.size(); ++i) {
        if (!classIndex_.contains(classes_[i])) classIndex_.insert(classes_[i], i);
    }
}

int RatingTable::classIndex(const QString& className) const {
    return classIndex_.value(className, -1);
}

int RatingTable::addCoder(const QString& name) {
    const auto it = coderIndex_.constFind(name);
    if (it != coderIndex_.cend()) return it.value();
    const int index = coderCount();
    coderNames_.append(name);
    coderIndex_.insert(name, index);
    codes_.emplace_back();
    return index;
}

int RatingTable::coderIndex(const QString& name) const {
    return coderIndex_.value(name, -1);
}

int RatingTable::addItem(const QString& itemId) {
    const auto it = itemIndex_.constFind(itemId);
    if (it != itemIndex_.cend()) return it.value();
    const int index = itemCount();
    itemIds_.append(itemId);
    itemIndex_.insert(itemId, index);
    return index;
}

int RatingTable::itemIndex(const QString& itemId) const {
    return itemIndex_.value(itemId, -1);
}

Status RatingTable::set(const QString& coder, const QString& itemId, int classIndex) {
    if (classIndex < 0 || classIndex >= classCount()) {
        return makeError(QStringLiteral("coder '%1', item '%2': class index %3 outside the "
                                        "codebook (%4 classes)")
                             .arg(coder, itemId)
                             .arg(classIndex)
                             .arg(classCount()));
    }
    const int c = addCoder(coder);
    const int item = addItem(itemId);
    std::vector<int>& codes = codes_[c];
    if (item >= static_cast<int>(codes.size())) codes.resize(item + 1, kMissing);
    codes[item] = classIndex;
    return {};
}

Status RatingTable::set(const QString& coder, const QString& itemId, const QString& className) {
    const int index = classIndex(className);
    if (index < 0) {
        return makeError(QStringLiteral("coder '%1', item '%2': class '%3' is not in the "
                                        "codebook (%4)")
                             .arg(coder, itemId, className, classes_.join(QStringLiteral(", "))));
    }
    return set(coder, itemId, index);
}

void RatingTable::unset(const QString& coder, const QString& itemId) {
    const int c = coderIndex(coder);
    const int item = itemIndex(itemId);
    if (c < 0 || item < 0) return;
    std::vector<int>& codes = codes_[c];
    if (item < static_cast<int>(codes.size())) codes[item] = kMissing;
}

std::optional<int> RatingTable::rating(const QString& coder, const QString& itemId) const {
    const int c = coderIndex(coder);
    const int item = itemIndex(itemId);
    if (c < 0 || item < 0) return std::nullopt;
    const int value = at(c, item);
    if (value == kMissing) return std::nullopt;
    return value;
}

int RatingTable::ratedCount(int coder) const {
    const std::vector<int>& codes = codes_[coder];
    return static_cast<int>(std::count_if(codes.begin(), codes.end(), [](int v) { return v != kMissing; }));
}

}  // namespace motor::metrics
