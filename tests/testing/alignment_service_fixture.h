// The AlignmentService behind a real grpc::Server reached by InProcessChannel() (no ports, no
// sleeps), and the requests its tests send: the fixture of tests/service/alignment_service_test.cc
// and alignment_service_errors_test.cc.
//
//   TEST_F(AlignmentServiceTest, EmptySourceIsInvalidArgument) {
//     v1::AlignRequest request = PairRequest(kPairs[0], "empty");
//     request.mutable_source()->clear_text();
//     v1::AlignResponse response;
//     EXPECT_THAT(Align(request, &response),
//                 GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT, HasSubstr("source.text")));
//   }
#ifndef NEWSALIGN_TESTS_TESTING_ALIGNMENT_SERVICE_FIXTURE_H_
#define NEWSALIGN_TESTS_TESTING_ALIGNMENT_SERVICE_FIXTURE_H_

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "google/protobuf/message.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "newsalign/v1/alignment.grpc.pb.h"
#include "server/alignment_server.h"
#include "server/alignment_service.h"

namespace newsalign::testing {

// Short real sentence pairs, French and their Arabic translation.
struct Pair {
  const char* fr;
  const char* ar;
};
inline constexpr Pair kPairs[] = {
    {"La MINUSMA quittera définitivement le Mali le 15 novembre 2024.",
     "ستغادر بعثة مينوسما مالي نهائيًا في 15 نوفمبر 2024."},
    {"Le Conseil de sécurité a mis fin au mandat de la mission en juin 2023.",
     "أنهى مجلس الأمن ولاية البعثة في يونيو 2023."},
    {"Plus de 15 000 soldats étaient déployés dans le pays.",
     "كان أكثر من 15 ألف جندي منتشرين في البلاد."},
    {"La junte au pouvoir à Bamako avait exigé ce départ.",
     "وكان المجلس العسكري الحاكم في باماكو قد طالب بهذا الرحيل."},
};

// "source" and "target" from one of kPairs, as raw text.
inline v1::AlignRequest PairRequest(const Pair& pair, const std::string& id) {
  v1::AlignRequest request;
  request.set_id(id);
  request.mutable_source()->set_language("fr");
  request.mutable_source()->set_text(pair.fr);
  request.mutable_target()->set_language("ar");
  request.mutable_target()->set_text(pair.ar);
  return request;
}

// Status code and message of a gRPC call, for matching.
MATCHER_P2(GrpcStatusIs, code, message_matcher, "") {
  *result_listener << "status is " << arg.error_code() << ": " << arg.error_message();
  return arg.error_code() == code &&
         ::testing::ExplainMatchResult(message_matcher, arg.error_message(), result_listener);
}

class AlignmentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(ServiceOptions()); }
  // The server goes first: a handler still running when a test returns (a call the client
  // gave up on at its deadline) logs into log_, which must outlive it.
  void TearDown() override {
    stub_.reset();
    server_.reset();
  }

  // (Re)starts the server with `options`, logging into log_.
  void StartServer(ServiceOptions options) {
    stub_.reset();
    server_.reset();
    options.log = [this](absl::string_view line) {
      std::lock_guard<std::mutex> lock(log_mutex_);
      log_.emplace_back(line);
    };
    ServerOptions server_options;
    server_options.service = options;
    absl::StatusOr<std::unique_ptr<AlignmentServer>> server =
        AlignmentServer::Start(server_options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::AlignmentService::NewStub(server_->InProcessChannel());
  }

  grpc::Status Align(const v1::AlignRequest& request, v1::AlignResponse* response) {
    grpc::ClientContext context;
    return stub_->Align(&context, request, response);
  }

  std::vector<std::string> Log() {
    std::lock_guard<std::mutex> lock(log_mutex_);
    return log_;
  }

  std::unique_ptr<AlignmentServer> server_;
  std::unique_ptr<v1::AlignmentService::Stub> stub_;
  // A std::mutex, which ThreadSanitizer sees (Debian's Abseil is not built with it).
  std::mutex log_mutex_;
  std::vector<std::string> log_;  // Guarded by log_mutex_.
};

// A pre-split document of `n` real sentences, cycling through kPairs.
inline void FillLongDocuments(int n, v1::AlignRequest* request) {
  request->mutable_source()->set_language("fr");
  request->mutable_target()->set_language("ar");
  for (int i = 0; i < n; ++i) {
    const Pair& pair = kPairs[i % 4];
    request->mutable_source()->mutable_sentences()->add_sentences(pair.fr);
    // Drop one target sentence in seven so the work is a real alignment.
    if (i % 7 != 3) request->mutable_target()->mutable_sentences()->add_sentences(pair.ar);
  }
}

// Returns `request` serialised, with the "#" of its string field `marked` turned into the byte
// 0xFF, which no UTF-8 holds: what a client that does not check its strings may send.
inline std::string WithInvalidUtf8(const google::protobuf::Message& request,
                                   const std::string& marked) {
  std::string bytes = request.SerializeAsString();
  const size_t at = bytes.find(marked);
  EXPECT_NE(at, std::string::npos) << marked;
  if (at == std::string::npos) return bytes;
  bytes[at + marked.find('#')] = '\xff';
  return bytes;
}

}  // namespace newsalign::testing

#endif  // NEWSALIGN_TESTS_TESTING_ALIGNMENT_SERVICE_FIXTURE_H_
