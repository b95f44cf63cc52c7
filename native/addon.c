/* tend's native addon: module registration and errno helpers.
 *   reaper.c  reapOrphans(), setChildSubreaper(), libuvChildPids()
 *   spawn.c   pipe(), spawn()
 *   lines.c   prefixLines()
 * Why a native addon at all (design note node-pid1.md): Node cannot wait() on pids it did not
 * spawn, and libuv's spawn cannot set supplementary groups. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common.h"

const char *tend_errno_name(int err) {
  switch (err) {
#define E(name) \
  case name:    \
    return #name
    E(EPERM); E(ENOENT); E(ESRCH); E(EINTR); E(EIO); E(ENXIO); E(E2BIG); E(ENOEXEC);
    E(EBADF); E(ECHILD); E(EAGAIN); E(ENOMEM); E(EACCES); E(EFAULT); E(EBUSY); E(EEXIST);
    E(ENODEV); E(ENOTDIR); E(EISDIR); E(EINVAL); E(ENFILE); E(EMFILE); E(ENOTTY); E(ETXTBSY);
    E(EFBIG); E(ENOSPC); E(EROFS); E(EMLINK); E(EPIPE); E(ENAMETOOLONG); E(ENOSYS); E(ELOOP);
    E(ELIBBAD); E(ELIBACC); E(EOVERFLOW); E(EDQUOT); E(ESTALE);
#undef E
    default:
      return NULL;
  }
}

void tend_throw_errno(napi_env env, const char *what, int err) {
  char code[16];
  char msg[160];
  const char *name = tend_errno_name(err);
  if (name == NULL) {
    snprintf(code, sizeof code, "E%d", err);
    name = code;
  }
  snprintf(msg, sizeof msg, "%s: %s (%s)", what, strerror(err), name);
  napi_throw_error(env, name, msg);
}

static napi_value init(napi_env env, napi_value exports) {
  if (tend_init_reaper(env, exports) != napi_ok) return NULL;
  if (tend_init_spawn(env, exports) != napi_ok) return NULL;
  if (tend_init_lines(env, exports) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
