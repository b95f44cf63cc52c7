/* Shared helpers of the tend addon (reaper.c, spawn.c). Parent-side only: nothing here may be
 * called in a forked child. */
#ifndef TEND_COMMON_H
#define TEND_COMMON_H

#define NAPI_VERSION 8
#include <node_api.h>

/* Return NULL from the current N-API callback when a call fails (an exception is pending). */
#define NAPI_OK(call)                  \
  do {                                 \
    if ((call) != napi_ok) return NULL; \
  } while (0)

/* The symbolic name of an errno value ("ENOENT"), or NULL when it is not in our table.
 * Async-signal-safe: it only returns pointers to string literals. */
const char *tend_errno_name(int err);

/* Throw a JS Error whose .code is the errno name (or "E<n>") and whose message names the call. */
void tend_throw_errno(napi_env env, const char *what, int err);

/* Module parts: each adds its functions to exports. */
napi_status tend_init_reaper(napi_env env, napi_value exports);
napi_status tend_init_spawn(napi_env env, napi_value exports);
napi_status tend_init_lines(napi_env env, napi_value exports);

#endif
