// The last two bytes of a set of words, to turn most other words away before a lookup: a word
// ending otherwise is none of them, and neither is what is left of it once a proclitic is taken
// off its front (TryWithoutProclitic in text/arabic.h), which ends alike. The number words of the
// report and the month and weekday names look most tokens of every sentence up, each up to six
// times (whole and without each proclitic).
//
//   WordEndings endings;
//   endings.Add("فبراير");
//   endings.Add("mars");
//   endings.MayBe("وفبراير");  // true: looked up (it may be فبراير after و)
//   endings.MayBe("soldats");  // false: neither word ends in "ts"
#ifndef NEWSALIGN_ALIGNMENT_TEXT_WORD_ENDINGS_H_
#define NEWSALIGN_ALIGNMENT_TEXT_WORD_ENDINGS_H_

#include <bitset>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace newsalign {

class WordEndings {
 public:
  // Adds `word`'s ending. A word shorter than two bytes matches every other word (MayBe()).
  void Add(absl::string_view word) {
    if (word.size() < 2) {
      short_words_ = true;
      return;
    }
    endings_.set(Ending(word));
  }
  // False when no word added can be `word` or one of its proclitic-free forms.
  bool MayBe(absl::string_view word) const {
    return short_words_ || word.size() < 2 || endings_.test(Ending(word));
  }

 private:
  static uint16_t Ending(absl::string_view word) {
    return static_cast<uint16_t>(static_cast<unsigned char>(word[word.size() - 2]) << 8 |
                                 static_cast<unsigned char>(word[word.size() - 1]));
  }

  std::bitset<65536> endings_;
  bool short_words_ = false;
};

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_TEXT_WORD_ENDINGS_H_
