#include "app/commands.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/key_file.hpp"
#include "app/node.hpp"
#include "core/clock.hpp"
#include "domain/reference.hpp"
#include "federation/http_transport.hpp"
#include "ledger/merkle.hpp"
#include "service/federation.hpp"
#include "service/import.hpp"
#include "service/statistics.hpp"
#include "service/statistics_releases.hpp"
#include "store/federation_store.hpp"
#include "store/state_audit.hpp"
#include "store/store.hpp"

namespace corridor::app {
namespace {

std::string Describe(const Status& s) {
  std::string out = s.message();
  if (!s.field().empty()) out = s.field() + ": " + out;
  return out;
}

}  // namespace

int Fail(const std::string& message) {
  std::fprintf(stderr, "corridor: %s\n", message.c_str());
  return 1;
}

int RunInit(const InitOptions& o) {
  crypto::Init();
  if (Status s = domain::CheckCountry(o.country, "country"); !s.ok()) return Fail(Describe(s));
  const std::string node_id = o.node_id.empty() ? "node-" + o.country : o.node_id;
  std::string key_path = o.key;
  if (key_path.empty()) {
    auto def = DefaultKeyPath(o.store);
    if (!def.ok()) return Fail(Describe(def.status()));
    key_path = *def;
  }
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  // The key file first (it is never overwritten), then the store; if the store cannot be
  // created the key file goes, so a failed init leaves nothing behind.
  if (Status s = WriteKeyFile(key_path, key); !s.ok()) return Fail(s.message());
  store::NodeIdentity identity{node_id, o.country, key.public_key()};
  if (Status s = store::Store::Initialise(o.store, identity); !s.ok()) {
    ::unlink(key_path.c_str());
    return Fail(Describe(s));
  }
  std::printf("initialised node %s (%s) in %s\nsigning key: %s\npublic key: %s\n", node_id.c_str(),
              o.country.c_str(), o.store.c_str(), key_path.c_str(),
              HexEncode(key.public_key()).c_str());
  return 0;
}

int RunAuditVerify(const AuditOptions& o) {
  crypto::Init();
  SystemClock clock;
  store::StoreOptions options;
  options.clock = &clock;
  auto st = store::Store::Open(o.store, options);
  if (!st.ok()) return Fail(Describe(st.status()));
  auto audit = store::Audit(**st);
  if (!audit.ok()) return Fail(Describe(audit.status()));
  const ledger::VerifyReport& r = audit->ledger;
  if (!r.ok) {
    std::string where;
    if (r.first_bad_event) {
      where = "event " + std::to_string(*r.first_bad_event) + ": ";
    } else if (r.bad_range) {
      where = "events " + std::to_string(r.bad_range->begin) + " to " +
              std::to_string(r.bad_range->end - 1) + ": ";
    }
    std::fprintf(stderr, "corridor: ledger verification FAILED: %s%s\n", where.c_str(),
                 r.problem.c_str());
    std::fprintf(stderr,
                 "corridor: the state was not checked against the ledger, which is in doubt\n");
    return 1;
  }
  std::printf("ledger verified: %llu events, %llu signed heads, %llu stored nodes\n",
              static_cast<unsigned long long>(r.events_checked),
              static_cast<unsigned long long>(r.heads_checked),
              static_cast<unsigned long long>(r.nodes_checked));
  if (!r.note.empty()) std::printf("note: %s\n", r.note.c_str());
  // The state against the ledger (docs/formats/ledger.md §6): each disagreeing record by its
  // table and key, never its values.
  const store::StateReport& state = audit->state;
  bool ok = true;
  if (state.ok()) {
    std::printf("state verified: %llu records, %llu against the event that last wrote them\n",
                static_cast<unsigned long long>(state.records_checked),
                static_cast<unsigned long long>(state.records_verified));
  } else {
    ok = false;
    std::fprintf(stderr,
                 "corridor: state verification FAILED: %llu of %llu records and events "
                 "disagree with the ledger\n",
                 static_cast<unsigned long long>(state.findings_total),
                 static_cast<unsigned long long>(state.records_checked + state.events_checked));
    for (const store::StateFinding& f : state.findings) {
      std::fprintf(stderr, "corridor:   %s %s: %s\n", f.table.c_str(), f.id.c_str(),
                   f.problem.c_str());
    }
    if (state.findings_total > state.findings.size()) {
      std::fprintf(stderr, "corridor:   ... and %llu more\n",
                   static_cast<unsigned long long>(state.findings_total - state.findings.size()));
    }
  }
  if (state.records_unverifiable > 0) {
    std::printf(
        "note: %llu records were last changed before this node recorded record hashes (format "
        "version 1 events) and cannot be checked against a hash; contracts among them were "
        "checked against their recorded terms digests\n",
        static_cast<unsigned long long>(state.records_unverifiable));
  }
  // The message log (docs/formats/federation.md §10), against the ledger just verified.
  auto log = store::VerifyMessageLog(**st);
  if (!log.ok()) return Fail(Describe(log.status()));
  if (!log->ok) {
    std::fprintf(stderr, "corridor: message log verification FAILED: %s\n", log->problem.c_str());
    return 1;
  }
  std::printf("message log verified: %llu sent, %llu received\n",
              static_cast<unsigned long long>(log->sent_checked),
              static_cast<unsigned long long>(log->received_checked));
  return ok ? 0 : 1;
}

int RunServe(const ServeOptions& o) {
  NodeConfig c;
  if (!o.config.empty()) {
    if (Status s = LoadConfigFile(o.config, c); !s.ok()) return Fail(s.message());
  }
  if (!o.store.empty()) c.store = o.store;
  if (!o.key.empty()) c.key_file = o.key;
  if (!o.listen.empty()) c.listen = o.listen;
  if (!o.web_root.empty()) c.web_root = o.web_root;
  if (c.store.empty()) return Fail("--store (or \"store\" in --config) is required");
  auto node = Node::Open(c);
  if (!node.ok()) return Fail(Describe(node.status()));
  std::printf("corridor: node %s (%s) serving at %s\n", (*node)->store().identity().node_id.c_str(),
              (*node)->store().identity().country.c_str(), (*node)->base_url().c_str());
  std::fflush(stdout);
  RunUntilSignal({node->get()});
  std::printf("corridor: stopped\n");
  return 0;
}

int RunStatsRebuild(const StatsOptions& o) {
  crypto::Init();
  SystemClock clock;
  store::StoreOptions options;
  options.clock = &clock;
  // The counters are derived from the ledger and written beside it: nothing is signed.
  auto st = store::Store::Open(o.store, options);
  if (!st.ok()) return Fail(Describe(st.status()));
  service::Statistics statistics(**st);
  auto folded = statistics.Rebuild();
  if (!folded.ok()) return Fail("stats rebuild: " + Describe(folded.status()));
  auto counters = statistics.Counters();
  if (!counters.ok()) return Fail(Describe(counters.status()));
  std::printf("folded %llu ledger events into %zu counters\n",
              static_cast<unsigned long long>(*folded), counters->size());
  return 0;
}

int RunStatsRelease(const StatsOptions& o) {
  crypto::Init();
  std::string key_path = o.key;
  if (key_path.empty()) {
    auto def = DefaultKeyPath(o.store);
    if (!def.ok()) return Fail(Describe(def.status()));
    key_path = *def;
  }
  auto key = ReadKeyFile(key_path);
  if (!key.ok()) return Fail(key.status().message());
  auto catalog = service::BuiltInStatisticsCatalog();
  if (!catalog.ok()) return Fail(Describe(catalog.status()));
  SystemClock clock;
  crypto::SodiumRng rng;
  store::StoreOptions options;
  options.clock = &clock;
  options.rng = &rng;
  options.key = &*key;
  auto st = store::Store::Open(o.store, options);
  if (!st.ok()) return Fail(Describe(st.status()));
  service::StatisticsReleases releases(**st, std::move(*catalog));
  auto made = releases.Release(domain::SystemActor(), o.id);
  if (!made.ok()) return Fail("stats release: " + Describe(made.status()));
  std::printf("released %s: %lld tables, %lld figures, indicators.csv sha256 %s\n",
              made->id.c_str(), static_cast<long long>(made->tables),
              static_cast<long long>(made->figures), made->sha256.c_str());
  return 0;
}

int RunImport(const ImportOptions& o) {
  crypto::Init();
  auto kind = service::ParseImportKind(o.kind);
  if (!kind.ok()) return Fail("--kind " + kind.status().message());
  std::string key_path = o.key;
  if (key_path.empty()) {
    auto def = DefaultKeyPath(o.store);
    if (!def.ok()) return Fail(Describe(def.status()));
    key_path = *def;
  }
  auto key = ReadKeyFile(key_path);
  if (!key.ok()) return Fail(key.status().message());
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return Fail("cannot read " + o.file);
  in.seekg(0, std::ios::end);
  const auto total = static_cast<uint64_t>(std::max<std::streamoff>(in.tellg(), 0));
  in.seekg(0);
  SystemClock clock;
  crypto::SodiumRng rng;
  store::StoreOptions options;
  options.clock = &clock;
  options.rng = &rng;
  options.key = &*key;
  auto st = store::Store::Open(o.store, options);
  if (!st.ok()) return Fail(Describe(st.status()));
  service::Registry registry(**st);
  // Imported records queue their federation messages like any other change; `corridor serve`
  // delivers them.
  federation::HttpTransport transport;
  service::Federation federation(**st, *key, rng, transport);
  service::ImportOptions io;
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  if (tty) {
    io.progress = [total](uint64_t bytes, uint64_t rows) {
      const int pct = total ? static_cast<int>(bytes * 100 / total) : 100;
      std::fprintf(stderr, "\rimporting: %3d%%  %llu rows", pct,
                   static_cast<unsigned long long>(rows));
      std::fflush(stderr);
    };
  }
  auto report = service::Import(registry, domain::SystemActor(), *kind, in, io);
  if (tty) std::fprintf(stderr, "\n");
  if (!report.ok()) return Fail(o.file + ": " + Describe(report.status()));
  if (!report->ok()) {
    for (const auto& e : report->errors) {
      std::fprintf(stderr, "%s:%llu: %s%s%s\n", o.file.c_str(),
                   static_cast<unsigned long long>(e.line), e.field.c_str(),
                   e.field.empty() ? "" : ": ", e.message.c_str());
    }
    if (report->bad_rows > report->errors.size()) {
      std::fprintf(stderr, "... and %llu more bad rows\n",
                   static_cast<unsigned long long>(report->bad_rows - report->errors.size()));
    }
    return Fail(std::to_string(report->bad_rows) + " of " + std::to_string(report->rows) +
                " rows are bad; nothing was imported");
  }
  std::printf("imported %llu %s\n", static_cast<unsigned long long>(report->imported),
              o.kind.c_str());
  return 0;
}

}  // namespace corridor::app
