export { DEFAULT_LOCK_TIMEOUT_MS, FsLocker, type FsLockerOptions, openFsLocker } from './fs-locker.js';
export { LOCKER_SCHEMA, type LockerManifest, lockerManifestSchema, pathSegment } from './layout.js';
