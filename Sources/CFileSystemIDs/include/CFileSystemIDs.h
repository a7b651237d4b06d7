// Per-thread file-system ids (Linux): not exported by Swift's Glibc module.
#pragma once
#include <sys/types.h>
#ifdef __linux__
#include <sys/fsuid.h>
static inline int vgrid_setfsuid(uid_t uid) { return setfsuid(uid); }
static inline int vgrid_setfsgid(gid_t gid) { return setfsgid(gid); }
#endif
