// A SQLite VFS that fails file operations on purpose, in the manner of SQLite's own I/O-error
// tests (test_vfs.c): under the fault-injection tests (docs/reliability.md) SQLite itself meets a
// failed write, a failed fsync or a full disk, and the code above sees what SQLite makes of it.
//
//   kWrite   the N-th xWrite fails with SQLITE_IOERR_WRITE (an EIO from write(2))
//   kSync    the N-th xSync fails with SQLITE_IOERR_FSYNC (an EIO from fsync(2))
//   kFull    from the N-th xWrite on, every xWrite fails with SQLITE_FULL (ENOSPC: the unix VFS
//            reports a short write on a full disk so), until the faults are disarmed
//
// Every file SQLite opens through the VFS counts (the database, its WAL, temporary files). Open
// a database on it with OpenOptions::sqlite_vfs. Test-only: the node never registers it.
//
// Thread-safety: FileFaults counts under a mutex; the VFS forwards to the default one.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace corridor::store {

enum class FileFault { kWrite, kSync, kFull };

std::string_view ToString(FileFault kind);

class FileFaults {
 public:
  void Arm(FileFault kind, int64_t nth);
  void Disarm();
  bool fired() const;
  int64_t seen() const;

  // For the VFS: what happens to this call.
  enum class Verdict { kPass, kIoError, kFull };
  Verdict OnWrite();
  Verdict OnSync();

 private:
  mutable std::mutex mu_;
  bool armed_ = false;
  FileFault kind_ = FileFault::kWrite;
  int64_t nth_ = 0;
  int64_t seen_ = 0;
  int64_t failed_ = 0;
};

// Registers a VFS named `name` over the default one, failing as `faults` says (not as the
// default). Both live until the process ends. Registering a name twice is an error.
Status RegisterFaultVfs(const std::string& name, FileFaults* faults);

}  // namespace corridor::store
