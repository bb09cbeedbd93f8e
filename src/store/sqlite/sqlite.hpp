// SQLite implementation of store::Database: the embedded default.
//
// One file in WAL mode with synchronous=FULL: a transaction whose COMMIT returned is on disk
// and survives power loss. Write transactions start with BEGIN IMMEDIATE and wait up to the
// busy timeout for the write lock. Statements are prepared once per connection and reused.
// Parameters written $1..$n are rewritten to SQLite's ?1..?n.
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace corridor::store {

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const OpenOptions& options);

}  // namespace corridor::store
