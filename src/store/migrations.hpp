// Versioned schema migrations, applied at start-up in one transaction each.
//
// The schema is written once in a portable dialect; "{BLOB}" becomes BLOB on SQLite and BYTEA on
// PostgreSQL, "{AUTOID}" an auto-numbered primary key. The version is kept in the `meta` table. A
// store whose version is newer than this binary knows is refused, so an old binary never writes to
// a schema it does not understand. Thread-safety: run from one thread at start-up.
#pragma once

#include "store/database.hpp"

namespace corridor::store {

// The schema version this binary writes.
int LatestSchemaVersion();

// The store's schema version (0 for an empty database).
Result<int> SchemaVersion(Connection& conn);

// Brings the schema up to LatestSchemaVersion(); refuses a newer store.
Status Migrate(Connection& conn);

}  // namespace corridor::store
