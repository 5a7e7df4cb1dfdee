// Builders for hand-made AlignResponse messages in the client's tests (formatters, reports).
//
//   v1::AlignResponse response;
//   AddSentence(response.mutable_source(), "Le Mali.");
//   v1::Bead* bead = AddBead(&response, {0}, {0}, 0.98);
//   AddFinding(bead, v1::NUMBER_MISMATCH, v1::SEVERITY_ERROR, "15 000 ≠ 16 ألف");
#ifndef NEWSALIGN_TESTS_TESTING_RESPONSE_BUILDERS_H_
#define NEWSALIGN_TESTS_TESTING_RESPONSE_BUILDERS_H_

#include <string>
#include <vector>

#include "newsalign/v1/alignment.pb.h"

namespace newsalign::testing {

// Appends a sentence with the next index (and `paragraph`) to `document`.
inline void AddSentence(v1::SegmentedDocument* document, const std::string& text,
                        int paragraph = 0) {
  v1::Sentence* sentence = document->add_sentences();
  sentence->set_index(document->sentences_size() - 1);
  sentence->set_paragraph(paragraph);
  sentence->set_text(text);
}

// Appends a bead of those sentence indices and confidence; returns it.
inline v1::Bead* AddBead(v1::AlignResponse* response, std::vector<int> source,
                         std::vector<int> target, double confidence) {
  v1::Bead* bead = response->add_beads();
  for (int i : source) bead->add_source_sentences(i);
  for (int i : target) bead->add_target_sentences(i);
  bead->set_confidence(confidence);
  return bead;
}

// Appends a finding to `bead`; returns it.
inline v1::Finding* AddFinding(v1::Bead* bead, v1::FindingKind kind, v1::Severity severity,
                               const std::string& message) {
  v1::Finding* finding = bead->add_findings();
  finding->set_kind(kind);
  finding->set_severity(severity);
  finding->set_message(message);
  return finding;
}

}  // namespace newsalign::testing

#endif  // NEWSALIGN_TESTS_TESTING_RESPONSE_BUILDERS_H_
