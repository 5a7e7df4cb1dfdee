#include "server/metrics.h"

#include <civetweb.h>

#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "server/host_port.h"

namespace newsalign {
namespace {

// Latency: 5 ms (a short article) to a minute (the default deadline).
const std::vector<double> kDurationBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                             0.5,   1,    2.5,   5,    10,  30, 60};
// Document sizes: a paragraph (1 KiB) to the request limit's range (16 MiB).
const std::vector<double> kByteBounds = {1024,   4096,    16384,   65536,
                                         262144, 1048576, 4194304, 16777216};
const std::vector<double> kConfidenceBounds = {0.1, 0.2, 0.3, 0.4, 0.5,
                                               0.6, 0.7, 0.8, 0.9, 0.95, 0.99};

std::string Number(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  return absl::StrFormat("%.10g", value);
}

// A label value: backslash, quote and newline escaped.
std::string LabelValue(absl::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void Header(absl::string_view name, absl::string_view type, absl::string_view help,
            std::string* out) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(bounds_.size() + 1, 0) {}

void Histogram::Observe(double value) {
  size_t bucket = 0;
  while (bucket < bounds_.size() && value > bounds_[bucket]) ++bucket;
  ++counts_[bucket];
  sum_ += value;
  ++count_;
}

void Histogram::Render(absl::string_view name, absl::string_view labels,
                       std::string* out) const {
  const std::string prefix = labels.empty() ? "" : absl::StrCat(labels, ",");
  uint64_t cumulative = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += counts_[i];
    const std::string le =
        i < bounds_.size() ? Number(bounds_[i]) : std::string("+Inf");
    absl::StrAppend(out, name, "_bucket{", prefix, "le=\"", le, "\"} ", cumulative, "\n");
  }
  const std::string braces = labels.empty() ? "" : absl::StrCat("{", labels, "}");
  absl::StrAppend(out, name, "_sum", braces, " ", Number(sum_), "\n");
  absl::StrAppend(out, name, "_count", braces, " ", count_, "\n");
}

Metrics::Metrics()
    : source_bytes_(kByteBounds), target_bytes_(kByteBounds), confidence_(kConfidenceBounds) {}

void Metrics::RecordCall(absl::string_view method, absl::StatusCode code, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{std::string(method), absl::StatusCodeToString(code)}];
  auto it = durations_.find(std::string(method));
  if (it == durations_.end()) {
    it = durations_.emplace(std::string(method), Histogram(kDurationBounds)).first;
  }
  it->second.Observe(seconds);
}

void Metrics::RecordDocuments(int64_t source_bytes, int64_t target_bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  source_bytes_.Observe(static_cast<double>(source_bytes));
  if (target_bytes >= 0) target_bytes_.Observe(static_cast<double>(target_bytes));
}

void Metrics::RecordAlignment(const v1::AlignResponse& response) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const v1::Bead& bead : response.beads()) {
    ++beads_[absl::StrCat(bead.source_sentences_size(), "-", bead.target_sentences_size())];
    confidence_.Observe(bead.confidence());
    for (const v1::Finding& finding : bead.findings()) {
      ++findings_[v1::FindingKind_Name(finding.kind())];
    }
  }
}

void Metrics::SetQueueGauges(std::function<std::pair<int, int>()> gauges) {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_gauges_ = std::move(gauges);
}

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  Header("newsalign_requests_total", "counter",
         "Calls (and AlignStream requests) finished, by method and status code.", &out);
  for (const auto& [key, count] : requests_) {
    absl::StrAppend(&out, "newsalign_requests_total{method=\"", LabelValue(key.first),
                    "\",code=\"", LabelValue(key.second), "\"} ", count, "\n");
  }
  Header("newsalign_request_duration_seconds", "histogram",
         "Time from a call's start to its answer, by method.", &out);
  for (const auto& [method, histogram] : durations_) {
    histogram.Render("newsalign_request_duration_seconds",
                     absl::StrCat("method=\"", LabelValue(method), "\""), &out);
  }
  Header("newsalign_document_bytes", "histogram", "Sizes of the documents received, by side.",
         &out);
  source_bytes_.Render("newsalign_document_bytes", "side=\"source\"", &out);
  target_bytes_.Render("newsalign_document_bytes", "side=\"target\"", &out);
  Header("newsalign_beads_total", "counter",
         "Beads answered, by shape (source sentences - target sentences).", &out);
  for (const auto& [shape, count] : beads_) {
    absl::StrAppend(&out, "newsalign_beads_total{type=\"", shape, "\"} ", count, "\n");
  }
  Header("newsalign_bead_confidence", "histogram", "Confidence of the beads answered.", &out);
  confidence_.Render("newsalign_bead_confidence", "", &out);
  Header("newsalign_findings_total", "counter", "QA findings answered, by kind.", &out);
  for (const auto& [kind, count] : findings_) {
    absl::StrAppend(&out, "newsalign_findings_total{kind=\"", LabelValue(kind), "\"} ", count,
                    "\n");
  }
  const std::pair<int, int> queue = queue_gauges_ ? queue_gauges_() : std::pair<int, int>{0, 0};
  Header("newsalign_alignments_running", "gauge", "Alignments running now (at most --workers).",
         &out);
  absl::StrAppend(&out, "newsalign_alignments_running ", queue.first, "\n");
  Header("newsalign_alignments_waiting", "gauge",
         "Alignments waiting for a worker now (at most --queue).", &out);
  absl::StrAppend(&out, "newsalign_alignments_waiting ", queue.second, "\n");
  return out;
}

absl::StatusOr<std::unique_ptr<MetricsHttpServer>> MetricsHttpServer::Start(
    const std::string& address, std::shared_ptr<const Metrics> metrics) {
  if (absl::Status valid = ValidateHostPort(address, PortZero::kAllowed); !valid.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("metrics address: ", valid.message()));
  }
  mg_init_library(0);
  std::unique_ptr<MetricsHttpServer> server(new MetricsHttpServer(std::move(metrics)));
  // civetweb takes "host:port", IPv6 as "[::1]:port" with a "+" for dual use; ours is plain.
  const char* options[] = {"listening_ports", address.c_str(), "num_threads", "2",
                           "request_timeout_ms", "10000", nullptr};
  mg_callbacks callbacks = {};
  server->context_ = mg_start(&callbacks, nullptr, options);
  if (server->context_ == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on \"", address,
                                               "\"; is the address valid and the port free?"));
  }
  mg_set_request_handler(server->context_, "/metrics$", &MetricsHttpServer::Handle,
                         server.get());
  mg_server_port ports[4] = {};
  const int count = mg_get_server_ports(server->context_, 4, ports);
  const size_t colon = address.rfind(':');
  server->address_ = count > 0 ? absl::StrCat(address.substr(0, colon + 1), ports[0].port)
                               : address;
  return server;
}

MetricsHttpServer::~MetricsHttpServer() {
  if (context_ != nullptr) mg_stop(context_);
}

int MetricsHttpServer::Handle(mg_connection* connection, void* self) {
  const mg_request_info* request = mg_get_request_info(connection);
  if (request == nullptr || std::string(request->request_method) != "GET") {
    mg_printf(connection,
              "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\nContent-Length: 0\r\n"
              "Connection: close\r\n\r\n");
    return 405;
  }
  const std::string body = static_cast<MetricsHttpServer*>(self)->metrics_->Render();
  mg_printf(connection,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
            "Content-Length: %zu\r\nConnection: close\r\n\r\n",
            body.size());
  mg_write(connection, body.data(), body.size());
  return 200;
}

}  // namespace newsalign
