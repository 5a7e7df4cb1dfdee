// Dates as anchors: months and weekdays by name, in French, German, English and the Arabic
// variants news uses (يناير … ديسمبر, the Levantine كانون الثاني … and the Maghreb جانفي …),
// mapped to one value per month ("month:11") or weekday ("weekday:3").
//
//   ExtractDates(Tokenize("le 15 novembre"))        -> {"month:11"}
//   ExtractDates(Tokenize("في 15 تشرين الثاني"))     -> {"month:11"}
#ifndef NEWSALIGN_ALIGNMENT_ANCHORS_DATES_H_
#define NEWSALIGN_ALIGNMENT_ANCHORS_DATES_H_

#include <string>
#include <vector>

#include "text/tokenizer.h"

namespace newsalign {

// Returns the month and weekday values named in `tokens`, in order.
std::vector<std::string> ExtractDates(const std::vector<Token>& tokens);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ANCHORS_DATES_H_
