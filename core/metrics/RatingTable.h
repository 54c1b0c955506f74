#pragma once
// The ratings of one dimension, as a plain table that knows nothing of the store:
// the codebook's classes in their order, and for each coder a map itemId -> class
// index, where a missing entry means "not coded".
//
// Items and coders are interned once, and the ratings are kept dense (one int per
// coder and item, kMissing where absent), so every statistic runs over integer
// arrays and never looks up a string in its inner loop.
#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>
#include <span>
#include <vector>

#include "core/util/Result.h"

namespace motor::metrics {

class RatingTable {
public:
    static constexpr int kMissing = -1;

    RatingTable() = default;
    explicit RatingTable(QStringList classes);

    const QStringList& classes() const { return classes_; }
    int classCount() const { return static_cast<int>(classes_.size()); }
    // -1 when the name is not in the codebook.
    int classIndex(const QString& className) const;

    // Returns the coder's index; adding a known name returns its existing index.
    int addCoder(const QString& name);
    int coderCount() const { return static_cast<int>(coderNames_.size()); }
    const QString& coderName(int coder) const { return coderNames_[coder]; }
    // -1 when unknown.
    int coderIndex(const QString& name) const;
    const QStringList& coderNames() const { return coderNames_; }

    // Returns the item's index; adding a known id returns its existing index.
    int addItem(const QString& itemId);
    int itemCount() const { return static_cast<int>(itemIds_.size()); }
    const QString& itemId(int item) const { return itemIds_[item]; }
    // -1 when unknown.
    int itemIndex(const QString& itemId) const;

    // Adds the coder and the item as needed. Fails on a class index outside the
    // codebook or a class name not in it; the message names coder, item and value.
    Status set(const QString& coder, const QString& itemId, int classIndex);
    Status set(const QString& coder, const QString& itemId, const QString& className);
    // Removes one rating (back to "not coded"); unknown coder or item is a no-op.
    void unset(const QString& coder, const QString& itemId);

    // kMissing or a class index; indices as returned by addCoder/addItem.
    int at(int coder, int item) const {
        const std::vector<int>& codes = codes_[coder];
        return item < static_cast<int>(codes.size()) ? codes[item] : kMissing;
    }
    // One entry per item index, possibly shorter than itemCount(): items past the end
    // are not coded. The dense form the statistics iterate over.
    std::span<const int> codes(int coder) const { return codes_[coder]; }
    // The map view: the class index, or nothing when not coded.
    std::optional<int> rating(const QString& coder, const QString& itemId) const;
    // How many items this coder rated.
    int ratedCount(int coder) const;

private:
    QStringList classes_;
    QHash<QString, int> classIndex_;
    QStringList coderNames_;
    QHash<QString, int> coderIndex_;
    QStringList itemIds_;
    QHash<QString, int> itemIndex_;
    std::vector<std::vector<int>> codes_;  // [coder][item]
};

}  // namespace motor::metrics
