// What building the features reads of each sentence that the QA report reads again: its
// tokens, its numbers, its dates and its curated names. Kept for articles (AlignDocuments keeps
// them for up to kKeptReadingsUpTo sentences), so that the report does not tokenize and read
// each sentence a second time: on the sample article, the report's instructions 4.46 M ->
// 3.18 M (about 4 % of a whole request); its numbers, 0.4 M more.
//
//   auto readings = std::make_shared<SentenceReadings>();
//   resources.readings = readings;  // filled by AlignSentences()
//   // readings->source[i].tokens: Tokenize() of source sentence i's text, and so on.
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_SENTENCE_READINGS_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_SENTENCE_READINGS_H_

#include <string>
#include <vector>

#include "text/tokenizer.h"

namespace newsalign {

struct SentenceReading {
  // Tokenize() of the sentence's text.
  std::vector<Token> tokens;
  // ExtractNumbers() of the sentence's text.
  std::vector<std::string> numbers;
  // ExtractDates() of those tokens.
  std::vector<std::string> dates;
  // FindCuratedNames() of the lexicon keys of its words (its tokens that are not numbers), in
  // the side's language.
  std::vector<std::string> curated_names;
};

// Both sides' readings, parallel to the sentences the aligner was given.
struct SentenceReadings {
  std::vector<SentenceReading> source;
  std::vector<SentenceReading> target;
};

// Sentences of both sides together up to which AlignDocuments() keeps the readings (a sentence's
// tokens and their strings); past it the report reads the sentences again.
constexpr int kKeptReadingsUpTo = 4096;

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_SENTENCE_READINGS_H_
