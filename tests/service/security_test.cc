// TLS, mutual TLS and the bearer token, end to end over TCP on 127.0.0.1 (port 0): the real
// server (AlignmentServer) and the client's own Connect(), with certificates made at run time
// by openssl (tests/service/make_test_certs.sh) in a temporary folder. Errors are checked by
// their exact gRPC code: a refused TLS handshake is UNAVAILABLE, a missing or wrong token
// UNAUTHENTICATED.
#include "server/security.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "server/alignment_server.h"
#include "tests/testing/files.h"

namespace newsalign {
namespace {

using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::newsalign::client::Connect;
using ::newsalign::client::Connection;
using ::newsalign::client::ConnectOptions;
using ::newsalign::testing::ReadFile;

constexpr char kToken[] = "3f9c2a77d4e1b08c5a6e";

// The certificates of make_test_certs.sh, made once for all the tests.
class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per process: ctest runs each test in its own, maybe at once.
    dir_ = new std::string(
        absl::StrCat(::testing::TempDir(), "/newsalign_security_test_certs_", getpid()));
    const std::string command =
        absl::StrCat(NEWSALIGN_SOURCE_DIR, "/tests/service/make_test_certs.sh '", *dir_, "'");
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }

  static std::string Pem(const std::string& name) {
    return ReadFile(absl::StrCat(*dir_, "/", name));
  }

  // Starts a server on 127.0.0.1:0 with TLS, and mutual TLS and a token when asked.
  std::unique_ptr<AlignmentServer> StartServer(bool mutual_tls, const std::string& token) {
    ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.service.log = nullptr;
    options.service.auth_token = token;
    options.tls_cert_pem = Pem("server.pem");
    options.tls_key_pem = Pem("server.key");
    if (mutual_tls) options.tls_client_ca_pem = Pem("ca.pem");
    absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(options);
    EXPECT_TRUE(server.ok()) << server.status();
    return server.ok() ? *std::move(server) : nullptr;
  }

  // Client options trusting the test CA.
  ConnectOptions TrustingTheCa() {
    ConnectOptions options;
    options.tls_ca_pem = Pem("ca.pem");
    return options;
  }

  // Segments an Arabic sentence pair through `server`; returns the status.
  static grpc::Status SegmentVia(const std::string& server, const ConnectOptions& options) {
    absl::StatusOr<Connection> connection = Connect(server, options);
    EXPECT_TRUE(connection.ok()) << connection.status();
    if (!connection.ok()) return grpc::Status(grpc::StatusCode::UNKNOWN, "no connection");
    v1::SegmentRequest request;
    request.mutable_document()->set_language("ar");
    request.mutable_document()->set_text("انسحبت البعثة من مالي. غادر آخر الجنود.");
    v1::SegmentResponse response;
    grpc::ClientContext context;
    const grpc::Status status = connection->alignment->Segment(&context, request, &response);
    if (status.ok()) {
      EXPECT_EQ(response.document().sentences_size(), 2);
    }
    return status;
  }

  // Aligns a French and Arabic pair through `server`; returns the status.
  static grpc::Status AlignVia(const std::string& server, const ConnectOptions& options) {
    absl::StatusOr<Connection> connection = Connect(server, options);
    EXPECT_TRUE(connection.ok()) << connection.status();
    if (!connection.ok()) return grpc::Status(grpc::StatusCode::UNKNOWN, "no connection");
    v1::AlignRequest request;
    request.mutable_source()->set_language("fr");
    request.mutable_source()->set_text("La MINUSMA a quitté le Mali.");
    request.mutable_target()->set_language("ar");
    request.mutable_target()->set_text("غادرت مينوسما مالي.");
    v1::AlignResponse response;
    grpc::ClientContext context;
    return connection->alignment->Align(&context, request, &response);
  }

  // Returns the health status through `server`, or the call's error code as a negative number.
  static int HealthVia(const std::string& server, const ConnectOptions& options) {
    absl::StatusOr<Connection> connection = Connect(server, options);
    EXPECT_TRUE(connection.ok()) << connection.status();
    if (!connection.ok()) return -1000;
    HealthCheckResponse response;
    grpc::ClientContext context;
    const grpc::Status status =
        connection->health->Check(&context, HealthCheckRequest(), &response);
    if (!status.ok()) return -static_cast<int>(status.error_code());
    return response.status();
  }

  static std::string* dir_;
};

std::string* SecurityTest::dir_ = nullptr;

TEST_F(SecurityTest, TlsCallSucceeds) {
  std::unique_ptr<AlignmentServer> server = StartServer(/*mutual_tls=*/false, "");
  ASSERT_NE(server, nullptr);
  EXPECT_TRUE(SegmentVia(server->address(), TrustingTheCa()).ok());
  EXPECT_TRUE(AlignVia(server->address(), TrustingTheCa()).ok());
  // The certificate names localhost too.
  ConnectOptions by_name = TrustingTheCa();
  by_name.tls_server_name = "localhost";
  EXPECT_TRUE(SegmentVia(server->address(), by_name).ok());
}

TEST_F(SecurityTest, TlsServerRefusesPlaintextAndUnknownCas) {
  std::unique_ptr<AlignmentServer> server = StartServer(/*mutual_tls=*/false, "");
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(SegmentVia(server->address(), ConnectOptions()).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  ConnectOptions other_ca;
  other_ca.tls_ca_pem = Pem("other_ca.pem");
  EXPECT_EQ(SegmentVia(server->address(), other_ca).error_code(), grpc::StatusCode::UNAVAILABLE);
  ConnectOptions wrong_name = TrustingTheCa();
  wrong_name.tls_server_name = "newsalign.example.org";
  EXPECT_EQ(SegmentVia(server->address(), wrong_name).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(SecurityTest, MutualTlsRefusesAClientWithoutCertificate) {
  std::unique_ptr<AlignmentServer> server = StartServer(/*mutual_tls=*/true, "");
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(SegmentVia(server->address(), TrustingTheCa()).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  ConnectOptions with_certificate = TrustingTheCa();
  with_certificate.tls_cert_pem = Pem("client.pem");
  with_certificate.tls_key_pem = Pem("client.key");
  EXPECT_TRUE(SegmentVia(server->address(), with_certificate).ok());
  // A certificate the server's CA did not sign is refused like none.
  ConnectOptions self_signed = TrustingTheCa();
  self_signed.tls_cert_pem = Pem("other_ca.pem");
  self_signed.tls_key_pem = Pem("other_ca.key");
  EXPECT_EQ(SegmentVia(server->address(), self_signed).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(SecurityTest, TokenIsRequiredForTheServiceButNotForHealth) {
  std::unique_ptr<AlignmentServer> server = StartServer(/*mutual_tls=*/false, kToken);
  ASSERT_NE(server, nullptr);
  ConnectOptions no_token = TrustingTheCa();
  EXPECT_EQ(SegmentVia(server->address(), no_token).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(AlignVia(server->address(), no_token).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  ConnectOptions wrong_token = TrustingTheCa();
  wrong_token.auth_token = "3f9c2a77d4e1b08c5a6f";  // the last character differs
  EXPECT_EQ(SegmentVia(server->address(), wrong_token).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  ConnectOptions right_token = TrustingTheCa();
  right_token.auth_token = kToken;
  EXPECT_TRUE(SegmentVia(server->address(), right_token).ok());
  EXPECT_TRUE(AlignVia(server->address(), right_token).ok());
  // Probes need no token.
  EXPECT_EQ(HealthVia(server->address(), no_token), HealthCheckResponse::SERVING);
}

TEST_F(SecurityTest, StreamWithoutTokenIsUnauthenticated) {
  std::unique_ptr<AlignmentServer> server = StartServer(/*mutual_tls=*/false, kToken);
  ASSERT_NE(server, nullptr);
  absl::StatusOr<Connection> connection = Connect(server->address(), TrustingTheCa());
  ASSERT_TRUE(connection.ok()) << connection.status();
  grpc::ClientContext context;
  auto stream = connection->alignment->AlignStream(&context);
  stream->WritesDone();
  v1::AlignStreamResponse response;
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SecurityTest, TokenFileLosesItsFinalNewlineOnly) {
  const std::string path = absl::StrCat(*dir_, "/token");
  { std::ofstream(path) << kToken << "\r\n"; }
  EXPECT_EQ(*ReadTokenFile(path, "--auth_token_file"), kToken);
  { std::ofstream(path) << kToken << " \n"; }
  EXPECT_EQ(ReadTokenFile(path, "--auth_token_file").status().code(),
            absl::StatusCode::kInvalidArgument);
  { std::ofstream(path) << "\n"; }
  EXPECT_EQ(ReadTokenFile(path, "--auth_token_file").status(),
            absl::InvalidArgumentError(
                absl::StrCat("--auth_token_file: \"", path, "\": the token is empty")));
  EXPECT_EQ(ReadTokenFile("/nonexistent/token", "--auth_token_file").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(BearerTokenMatchesTest, ComparesTheWholeToken) {
  EXPECT_TRUE(BearerTokenMatches("Bearer s3cret", "s3cret"));
  EXPECT_FALSE(BearerTokenMatches("Bearer s3cre", "s3cret"));
  EXPECT_FALSE(BearerTokenMatches("Bearer s3crett", "s3cret"));
  EXPECT_FALSE(BearerTokenMatches("Bearer S3cret", "s3cret"));
  EXPECT_FALSE(BearerTokenMatches("s3cret", "s3cret"));
  EXPECT_FALSE(BearerTokenMatches("Basic s3cret", "s3cret"));
  EXPECT_FALSE(BearerTokenMatches("Bearer ", "s3cret"));
}

TEST(SecurityOptionsTest, TlsFieldsGoTogether) {
  ServerOptions options;
  options.tls_cert_pem = "-----BEGIN CERTIFICATE-----";
  EXPECT_EQ(options.Validate().code(), absl::StatusCode::kInvalidArgument);
  options = ServerOptions();
  options.tls_client_ca_pem = "-----BEGIN CERTIFICATE-----";
  EXPECT_EQ(options.Validate().code(), absl::StatusCode::kInvalidArgument);
  options = ServerOptions();
  options.service.auth_token = "deux mots";
  EXPECT_EQ(options.Validate().code(), absl::StatusCode::kInvalidArgument);
  ConnectOptions client;
  client.tls_cert_pem = "-----BEGIN CERTIFICATE-----";
  EXPECT_EQ(client.Validate().code(), absl::StatusCode::kInvalidArgument);
  // TLS and token flags mean nothing to the in-process service.
  ConnectOptions with_token;
  with_token.auth_token = kToken;
  EXPECT_EQ(Connect("", with_token).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace newsalign
