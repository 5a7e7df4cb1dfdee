// newsalign-gen-matching-tables OUT.cc: computes the normaliser's tables from ICU's data
// (text/matching_tables.h) and writes them to OUT.cc as the source of BuiltMatchingTables().
// The build runs it; nothing else needs to.
#include <fstream>
#include <iostream>
#include <string>

#include "absl/status/statusor.h"
#include "text/matching_tables.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: newsalign-gen-matching-tables OUT.cc\n";
    return 2;
  }
  const absl::StatusOr<newsalign::internal::MatchingTables> tables =
      newsalign::internal::ComputeMatchingTables();
  if (!tables.ok()) {
    std::cerr << "newsalign-gen-matching-tables: " << tables.status().message() << "\n";
    return 1;
  }
  const std::string source = newsalign::internal::MatchingTablesSource(*tables);
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out << source;
  out.close();
  if (!out) {
    std::cerr << "newsalign-gen-matching-tables: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
