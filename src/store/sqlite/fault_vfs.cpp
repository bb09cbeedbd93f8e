#include "store/sqlite/fault_vfs.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <memory>

namespace corridor::store {
namespace {

// The VFS's own state, kept in sqlite3_vfs::pAppData.
struct VfsState {
  sqlite3_vfs vfs{};
  sqlite3_vfs* real = nullptr;
  FileFaults* faults = nullptr;
  std::string name;
};

// One open file: ours first, the real VFS's file right after it in the same allocation (SQLite
// allocates szOsFile bytes for it).
struct FaultFile {
  sqlite3_file base;
  FileFaults* faults;
  sqlite3_file* real;
};

sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f)->real; }
FileFaults* Faults(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f)->faults; }

int Close(sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); }
int Read(sqlite3_file* f, void* out, int n, sqlite3_int64 off) {
  return Real(f)->pMethods->xRead(Real(f), out, n, off);
}
int Write(sqlite3_file* f, const void* in, int n, sqlite3_int64 off) {
  switch (Faults(f)->OnWrite()) {
    case FileFaults::Verdict::kIoError:
      return SQLITE_IOERR_WRITE;
    case FileFaults::Verdict::kFull:
      return SQLITE_FULL;
    case FileFaults::Verdict::kPass:
      break;
  }
  return Real(f)->pMethods->xWrite(Real(f), in, n, off);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int Sync(sqlite3_file* f, int flags) {
  if (Faults(f)->OnSync() != FileFaults::Verdict::kPass) return SQLITE_IOERR_FSYNC;
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int Lock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
int Unlock(sqlite3_file* f, int level) { return Real(f)->pMethods->xUnlock(Real(f), level); }
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int ShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int delete_flag) {
  return Real(f)->pMethods->xShmUnmap(Real(f), delete_flag);
}
int Fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
  if (Real(f)->pMethods->iVersion < 3) {
    *out = nullptr;
    return SQLITE_OK;
  }
  return Real(f)->pMethods->xFetch(Real(f), off, n, out);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  if (Real(f)->pMethods->iVersion < 3) return SQLITE_OK;
  return Real(f)->pMethods->xUnfetch(Real(f), off, p);
}

const sqlite3_io_methods kMethods = {
    3,
    Close,
    Read,
    Write,
    Truncate,
    Sync,
    FileSize,
    Lock,
    Unlock,
    CheckReservedLock,
    FileControl,
    SectorSize,
    DeviceCharacteristics,
    ShmMap,
    ShmLock,
    ShmBarrier,
    ShmUnmap,
    Fetch,
    Unfetch,
};

VfsState* State(sqlite3_vfs* vfs) { return static_cast<VfsState*>(vfs->pAppData); }

int Open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  VfsState* s = State(vfs);
  auto* f = reinterpret_cast<FaultFile*>(file);
  f->base.pMethods = nullptr;
  f->faults = s->faults;
  f->real = reinterpret_cast<sqlite3_file*>(f + 1);
  const int rc = s->real->xOpen(s->real, name, f->real, flags, out_flags);
  if (f->real->pMethods != nullptr) f->base.pMethods = &kMethods;
  return rc;
}
int Delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  return State(vfs)->real->xDelete(State(vfs)->real, name, sync_dir);
}
int Access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return State(vfs)->real->xAccess(State(vfs)->real, name, flags, out);
}
int FullPathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
  return State(vfs)->real->xFullPathname(State(vfs)->real, name, n, out);
}
void* DlOpen(sqlite3_vfs* vfs, const char* name) {
  return State(vfs)->real->xDlOpen(State(vfs)->real, name);
}
void DlError(sqlite3_vfs* vfs, int n, char* out) {
  State(vfs)->real->xDlError(State(vfs)->real, n, out);
}
void (*DlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  return State(vfs)->real->xDlSym(State(vfs)->real, handle, symbol);
}
void DlClose(sqlite3_vfs* vfs, void* handle) {
  State(vfs)->real->xDlClose(State(vfs)->real, handle);
}
int Randomness(sqlite3_vfs* vfs, int n, char* out) {
  return State(vfs)->real->xRandomness(State(vfs)->real, n, out);
}
int Sleep(sqlite3_vfs* vfs, int us) { return State(vfs)->real->xSleep(State(vfs)->real, us); }
int CurrentTime(sqlite3_vfs* vfs, double* out) {
  return State(vfs)->real->xCurrentTime(State(vfs)->real, out);
}
int GetLastError(sqlite3_vfs* vfs, int n, char* out) {
  return State(vfs)->real->xGetLastError(State(vfs)->real, n, out);
}
int CurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  return State(vfs)->real->xCurrentTimeInt64(State(vfs)->real, out);
}

}  // namespace

std::string_view ToString(FileFault kind) {
  switch (kind) {
    case FileFault::kWrite:
      return "write";
    case FileFault::kSync:
      return "fsync";
    case FileFault::kFull:
      return "full disk";
  }
  return "?";
}

void FileFaults::Arm(FileFault kind, int64_t nth) {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = true;
  kind_ = kind;
  nth_ = nth;
  seen_ = 0;
  failed_ = 0;
}

void FileFaults::Disarm() {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = false;
}

bool FileFaults::fired() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_ > 0;
}

int64_t FileFaults::seen() const {
  std::lock_guard<std::mutex> lock(mu_);
  return seen_;
}

FileFaults::Verdict FileFaults::OnWrite() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!armed_ || kind_ == FileFault::kSync) return Verdict::kPass;
  ++seen_;
  if (kind_ == FileFault::kWrite && seen_ == nth_) {
    ++failed_;
    return Verdict::kIoError;
  }
  if (kind_ == FileFault::kFull && seen_ >= nth_) {
    ++failed_;
    return Verdict::kFull;
  }
  return Verdict::kPass;
}

FileFaults::Verdict FileFaults::OnSync() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!armed_ || kind_ != FileFault::kSync) return Verdict::kPass;
  if (++seen_ == nth_) {
    ++failed_;
    return Verdict::kIoError;
  }
  return Verdict::kPass;
}

Status RegisterFaultVfs(const std::string& name, FileFaults* faults) {
  if (sqlite3_vfs_find(name.c_str()) != nullptr) {
    return Status::AlreadyExists("a SQLite VFS named " + name + " is registered already");
  }
  sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
  if (real == nullptr) return Status::Internal("SQLite has no default VFS");
  auto s = std::make_unique<VfsState>();
  s->real = real;
  s->faults = faults;
  s->name = name;
  sqlite3_vfs& v = s->vfs;
  v.iVersion = 2;
  v.szOsFile = static_cast<int>(sizeof(FaultFile)) + real->szOsFile;
  v.mxPathname = real->mxPathname;
  v.zName = s->name.c_str();
  v.pAppData = s.get();
  v.xOpen = Open;
  v.xDelete = Delete;
  v.xAccess = Access;
  v.xFullPathname = FullPathname;
  v.xDlOpen = DlOpen;
  v.xDlError = DlError;
  v.xDlSym = DlSym;
  v.xDlClose = DlClose;
  v.xRandomness = Randomness;
  v.xSleep = Sleep;
  v.xCurrentTime = CurrentTime;
  v.xGetLastError = GetLastError;
  v.xCurrentTimeInt64 = CurrentTimeInt64;
  const int rc = sqlite3_vfs_register(&v, 0);
  if (rc != SQLITE_OK) {
    return Status::Internal(std::string("sqlite3_vfs_register: ") + sqlite3_errstr(rc));
  }
  // Lives until the process ends: SQLite keeps a pointer to the VFS.
  (void)s.release();
  return Status::Ok();
}

}  // namespace corridor::store
