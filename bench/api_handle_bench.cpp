// Instructions per API read, without sockets: one node, one contract, N reads through
// Api::Handle. Run under `valgrind --tool=callgrind` for stable counts:
//   valgrind --tool=callgrind build/bench/api_handle_bench 2000
#include <cstdio>
#include <string>

#include "codec/codec.hpp"
#include "http/testing.hpp"

using namespace corridor;

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::stoi(argv[1]) : 1000;
  auto t = http::testing::TestApi::Create("KWT", *Timestamp::Parse("2026-11-29T08:00:00Z"));
  if (!t.ok()) return 1;
  auto& api = **t;
  if (!service::testing::SeedReferenceData(*api.registry).ok()) return 1;
  const domain::Actor sys = domain::SystemActor();
  domain::Employer e = domain::testing::SampleEmployer();
  e.id = EmployerId();
  auto employer = api.registry->RegisterEmployer(sys, e);
  domain::Worker w = domain::testing::SampleWorker();
  w.id = WorkerId();
  auto worker = api.registry->RegisterWorker(sys, w);
  domain::ContractTerms terms = domain::testing::SampleTerms();
  terms.worker = worker->id;
  terms.employer = employer->id;
  terms.agency.reset();
  auto c = api.registry->DraftContract(sys, terms);
  if (!c.ok()) return 1;
  auto token = api.NewAccount(domain::Role::kEmployer, "employer", "", employer->id);
  if (!token.ok()) return 1;
  const std::string target = "/api/v1/contracts/" + c->id.value();
  size_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    http::Response r = api.Call("GET", target, *token);
    if (r.status != 200) return 2;
    bytes += r.body.size();
  }
  std::printf("%d reads, %zu bytes\n", n, bytes);
  return 0;
}
