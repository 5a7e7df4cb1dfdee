// The server's metrics, in Prometheus' text format (version 0.0.4), and a small HTTP server
// (civetweb) that serves them at /metrics:
//   newsalign_requests_total{method,code}          calls (and stream requests) by outcome
//   newsalign_request_duration_seconds{method}     their latency (histogram)
//   newsalign_document_bytes{side}                 the documents' sizes (histogram)
//   newsalign_beads_total{type}                    beads answered, by shape ("1-1", "2-1", ...)
//   newsalign_bead_confidence                      their confidence (histogram)
//   newsalign_findings_total{kind}                 QA findings answered, by kind
//   newsalign_alignments_running, newsalign_alignments_waiting   the work queue now (gauges)
//
//   auto metrics = std::make_shared<Metrics>();
//   metrics->RecordCall("Align", absl::StatusCode::kOk, 0.015);
//   ASSIGN_OR_RETURN(auto http, MetricsHttpServer::Start("127.0.0.1:9090", metrics));
#ifndef NEWSALIGN_SERVER_METRICS_H_
#define NEWSALIGN_SERVER_METRICS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newsalign/v1/alignment.pb.h"

struct mg_connection;
struct mg_context;

namespace newsalign {

// A cumulative histogram over fixed upper bounds (and +Inf).
class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void Observe(double value);
  // The exposition lines of `name` with `labels` ("" or `key="value",...`).
  void Render(absl::string_view name, absl::string_view labels, std::string* out) const;

 private:
  std::vector<double> bounds_;
  std::vector<uint64_t> counts_;  // per bucket, not cumulative; the last is +Inf
  double sum_ = 0;
  uint64_t count_ = 0;
};

class Metrics {
 public:
  Metrics();

  // One finished call or stream request of `method` ("Align", "AlignStream", "Segment").
  void RecordCall(absl::string_view method, absl::StatusCode code, double seconds);
  // The sizes of an aligned pair's documents (or a segmented document: target_bytes < 0).
  void RecordDocuments(int64_t source_bytes, int64_t target_bytes);
  // The beads and findings of an answered alignment.
  void RecordAlignment(const v1::AlignResponse& response);
  // Where the gauges of the work queue come from (running, waiting); none: both 0.
  void SetQueueGauges(std::function<std::pair<int, int>()> gauges);

  // Every metric, in the text format, in a fixed order (labels sorted).
  std::string Render() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, uint64_t> requests_;  // (method, code)
  std::map<std::string, Histogram> durations_;                        // by method
  Histogram source_bytes_;
  Histogram target_bytes_;
  std::map<std::string, uint64_t> beads_;     // by shape
  Histogram confidence_;
  std::map<std::string, uint64_t> findings_;  // by kind
  std::function<std::pair<int, int>()> queue_gauges_;
};

// Serves Render() of its metrics at GET /metrics over plain HTTP until destroyed.
class MetricsHttpServer {
 public:
  // Listens on "host:port" (port 0 picks a free one). UNAVAILABLE when it cannot.
  static absl::StatusOr<std::unique_ptr<MetricsHttpServer>> Start(
      const std::string& address, std::shared_ptr<const Metrics> metrics);
  ~MetricsHttpServer();
  MetricsHttpServer(const MetricsHttpServer&) = delete;
  MetricsHttpServer& operator=(const MetricsHttpServer&) = delete;

  // "host:port" with the port actually bound.
  const std::string& address() const { return address_; }

 private:
  explicit MetricsHttpServer(std::shared_ptr<const Metrics> metrics)
      : metrics_(std::move(metrics)) {}
  static int Handle(mg_connection* connection, void* self);

  std::shared_ptr<const Metrics> metrics_;
  mg_context* context_ = nullptr;
  std::string address_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_METRICS_H_
