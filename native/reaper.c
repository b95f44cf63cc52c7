/* Reaping zombies that libuv will not reap, without stealing the ones it will
 * (design note node-pid1.md §3a, §4).
 *
 * reapOrphans(excluded, useUvWalk) -> [{pid, status}]
 *   E = excluded pids (Node child_process children that have not had 'exit' yet)
 *       ∪ (useUvWalk ? pids of active UV_PROCESS handles on the main loop : {}).
 *   Fast path: peek at one zombie with waitid(WNOWAIT); reap it when it is not in E; repeat.
 *   When the peek is stuck on a zombie in E (libuv has not reaped it yet), fall back to a walk of
 *   /proc that reaps every zombie whose parent is us and that is not in E.
 *   status is the raw wait status (decoded in JS).
 * Must run on the main JS thread only: then every pid libuv will waitpid() is in E.
 *
 * setChildSubreaper() -> boolean    prctl(PR_SET_CHILD_SUBREAPER)
 * libuvChildPids() -> number[]      the uv_walk part of E (diagnostics and tests)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uv.h>

#include "common.h"

/* A small growable list of int32 (pids, or pid/status pairs). Sets are tiny: linear search. */
typedef struct {
  int32_t *v;
  size_t len;
  size_t cap;
  int failed; /* an allocation failed: the list is incomplete */
} list_t;

/* Make room for n more items. */
static int list_reserve(list_t *l, size_t n) {
  if (l->len + n <= l->cap) return 0;
  size_t cap = l->cap ? l->cap * 2 : 16;
  while (cap < l->len + n) cap *= 2;
  int32_t *v = realloc(l->v, cap * sizeof *v);
  if (v == NULL) {
    l->failed = 1;
    return -1;
  }
  l->v = v;
  l->cap = cap;
  return 0;
}

static void list_push(list_t *l, int32_t x) {
  if (list_reserve(l, 1) == 0) l->v[l->len++] = x;
}

static int list_has(const list_t *l, int32_t x) {
  for (size_t i = 0; i < l->len; i++)
    if (l->v[i] == x) return 1;
  return 0;
}

static void walk_cb(uv_handle_t *h, void *arg) {
  if (uv_handle_get_type(h) == UV_PROCESS && uv_is_active(h))
    list_push(arg, (int32_t)uv_process_get_pid((uv_process_t *)h));
}

static napi_status add_uv_children(napi_env env, list_t *out) {
  struct uv_loop_s *loop = NULL;
  napi_status s = napi_get_uv_event_loop(env, &loop);
  if (s == napi_ok && loop != NULL) uv_walk(loop, walk_cb, out);
  return s;
}

/* Read a JS Int32Array or an array of numbers into out. */
static napi_status read_pids(napi_env env, napi_value arr, list_t *out) {
  napi_valuetype t;
  napi_status s = napi_typeof(env, arr, &t);
  if (s != napi_ok || t == napi_undefined || t == napi_null) return s;
  bool is_typed = false;
  if ((s = napi_is_typedarray(env, arr, &is_typed)) != napi_ok) return s;
  if (is_typed) {
    napi_typedarray_type tt;
    size_t n;
    void *data;
    if ((s = napi_get_typedarray_info(env, arr, &tt, &n, &data, NULL, NULL)) != napi_ok) return s;
    if (tt != napi_int32_array) return napi_throw_type_error(env, NULL, "excluded: expected Int32Array");
    for (size_t i = 0; i < n; i++) list_push(out, ((int32_t *)data)[i]);
    return napi_ok;
  }
  uint32_t n;
  if ((s = napi_get_array_length(env, arr, &n)) != napi_ok) return s;
  for (uint32_t i = 0; i < n; i++) {
    napi_value e;
    int32_t pid;
    if ((s = napi_get_element(env, arr, i, &e)) != napi_ok) return s;
    if ((s = napi_get_value_int32(env, e, &pid)) != napi_ok) return s;
    list_push(out, pid);
  }
  return napi_ok;
}

/* waitpid one known zombie; on success append (pid, status) to out. Returns 1 if reaped. */
static int reap_one(pid_t pid, list_t *out) {
  int status = 0;
  if (list_reserve(out, 2) != 0) return 0; /* never reap a status we could not report */
  pid_t r;
  do r = waitpid(pid, &status, WNOHANG);
  while (r < 0 && errno == EINTR);
  if (r != pid) return 0;
  list_push(out, pid);
  list_push(out, status);
  return 1;
}

/* Parse /proc/<pid>/stat: state and ppid follow the LAST ')' (comm may hold ')' and spaces). */
static int read_stat(long pid, char *state, int *ppid) {
  char path[64], buf[512];
  snprintf(path, sizeof path, "/proc/%ld/stat", pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n;
  do n = read(fd, buf, sizeof buf - 1);
  while (n < 0 && errno == EINTR);
  close(fd);
  if (n <= 0) return -1;
  buf[n] = '\0';
  char *rp = strrchr(buf, ')');
  if (rp == NULL || sscanf(rp + 1, " %c %d", state, ppid) != 2) return -1;
  return 0;
}

/* Slow path: reap every zombie child of ours that is not in E. */
static void reap_from_proc(const list_t *excluded, list_t *out) {
  DIR *d = opendir("/proc");
  if (d == NULL) return;
  pid_t self = getpid();
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    char *end;
    long pid = strtol(de->d_name, &end, 10);
    if (*end != '\0' || pid <= 0 || list_has(excluded, (int32_t)pid)) continue;
    char state;
    int ppid;
    if (read_stat(pid, &state, &ppid) == 0 && state == 'Z' && ppid == self)
      reap_one((pid_t)pid, out);
  }
  closedir(d);
}

static void reap(const list_t *excluded, list_t *out) {
  for (;;) {
    siginfo_t si;
    memset(&si, 0, sizeof si);
    if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) != 0) {
      if (errno == EINTR) continue;
      return; /* ECHILD: no children at all */
    }
    if (si.si_pid == 0) return; /* children, but no zombie */
    if (list_has(excluded, si.si_pid)) break;
    if (!reap_one(si.si_pid, out)) return; /* cannot happen; never spin */
  }
  reap_from_proc(excluded, out);
}

static napi_value make_results(napi_env env, const list_t *pairs) {
  napi_value arr;
  NAPI_OK(napi_create_array_with_length(env, pairs->len / 2, &arr));
  for (size_t i = 0; i + 1 < pairs->len; i += 2) {
    napi_value o, pid, status;
    NAPI_OK(napi_create_object(env, &o));
    NAPI_OK(napi_create_int32(env, pairs->v[i], &pid));
    NAPI_OK(napi_create_int32(env, pairs->v[i + 1], &status));
    NAPI_OK(napi_set_named_property(env, o, "pid", pid));
    NAPI_OK(napi_set_named_property(env, o, "status", status));
    NAPI_OK(napi_set_element(env, arr, (uint32_t)(i / 2), o));
  }
  return arr;
}

static napi_value js_reap_orphans(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  NAPI_OK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  list_t excluded = {0}, out = {0};
  napi_value result = NULL;
  bool use_uv = true;
  if (argc >= 2) {
    napi_valuetype t;
    if (napi_typeof(env, argv[1], &t) != napi_ok) goto done;
    if (t == napi_boolean && napi_get_value_bool(env, argv[1], &use_uv) != napi_ok) goto done;
  }
  if (argc >= 1 && read_pids(env, argv[0], &excluded) != napi_ok) goto done;
  if (use_uv && add_uv_children(env, &excluded) != napi_ok) goto done;
  if (excluded.failed) { /* an incomplete E could steal a libuv child: do nothing */
    napi_throw_error(env, "ENOMEM", "reapOrphans: out of memory");
    goto done;
  }
  reap(&excluded, &out);
  result = make_results(env, &out);
done:
  free(excluded.v);
  free(out.v);
  return result;
}

static napi_value js_set_child_subreaper(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value r;
  NAPI_OK(napi_get_boolean(env, prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0, &r));
  return r;
}

static napi_value js_libuv_child_pids(napi_env env, napi_callback_info info) {
  (void)info;
  list_t pids = {0};
  napi_value arr = NULL;
  if (add_uv_children(env, &pids) == napi_ok && napi_create_array(env, &arr) == napi_ok) {
    for (size_t i = 0; i < pids.len; i++) {
      napi_value v;
      if (napi_create_int32(env, pids.v[i], &v) != napi_ok ||
          napi_set_element(env, arr, (uint32_t)i, v) != napi_ok) {
        arr = NULL;
        break;
      }
    }
  }
  free(pids.v);
  return arr;
}

napi_status tend_init_reaper(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"reapOrphans", NULL, js_reap_orphans, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setChildSubreaper", NULL, js_set_child_subreaper, NULL, NULL, NULL, napi_enumerable, NULL},
      {"libuvChildPids", NULL, js_libuv_child_pids, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
