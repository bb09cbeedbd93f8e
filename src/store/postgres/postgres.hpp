// PostgreSQL implementation of store::Database (libpq), for national scale.
//
// Statements are prepared once per connection (named s1, s2, ...) and run with binary
// parameters and binary results. Write transactions are READ COMMITTED; the ledger serialises
// writers itself by locking its state row. A URI may carry libpq options, for example a schema
// search path: postgresql://user@127.0.0.1:5432/db?options=-csearch_path%3Dt1
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace corridor::store {

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& uri, const OpenOptions& options);

}  // namespace corridor::store
