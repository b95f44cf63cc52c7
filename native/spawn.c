/* Forking supervised children the way supervisord does (spec §3.5), which libuv's spawn cannot
 * (it always calls setgroups(0, NULL)).
 *
 * pipe() -> [readFd, writeFd]        pipe2(O_CLOEXEC); throws Error{code: 'EMFILE', ...}
 * spawn(opts) -> pid                 throws Error{code: 'EAGAIN' | 'ENOMEM', ...} when fork fails
 *   opts = { file, argv, envp, stdio: [in, out, err] (-1: /dev/null), setpgid = true,
 *            foreground = false, user = null | {uid, gid, groups}, cwd = null, umask = -1,
 *            shellStyle = false }
 *
 * Everything is prepared in the parent; the forked child makes only async-signal-safe calls:
 * reset signal dispositions, setpgid, dup2 stdio, tcsetpgrp (foreground), close fds >= 3,
 * setgroups/setgid/setuid, chdir, umask, unblock signals, execve.
 * Child-side failures print supervisord's text on fd 2 and _exit(127):
 *   supervisor: couldn't chdir to /x: ENOENT
 *   supervisor: child process was not spawned
 * With shellStyle (single-program mode) the text is "tend: couldn't exec x: ENOENT" alone and the
 * exit code is 127 for ENOENT, else 126 (as a shell or tini does).
 * The pid is not known to libuv: tend's reaper waits for it. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include "common.h"

/* 32-bit ABIs have 16-bit legacy ids behind the plain names. */
#ifdef SYS_setgroups32
#define TEND_SYS_SETGROUPS SYS_setgroups32
#define TEND_SYS_SETGID SYS_setgid32
#define TEND_SYS_SETUID SYS_setuid32
#else
#define TEND_SYS_SETGROUPS SYS_setgroups
#define TEND_SYS_SETGID SYS_setgid
#define TEND_SYS_SETUID SYS_setuid
#endif

typedef struct {
  char *file;
  char **argv; /* NULL-terminated */
  char **envp; /* NULL-terminated */
  int stdio[3];
  bool setpgid;
  bool foreground;
  bool shell_style;
  bool has_user;
  uid_t uid;
  gid_t gid;
  gid_t *groups;
  size_t ngroups;
  char *cwd; /* NULL: keep */
  int umask; /* -1: keep */
  int max_fd; /* -1: close_range works; else close 3..max_fd one by one */
} spawn_opts;

/* ---------------------------------------------------------------- child side (no malloc!) */

typedef struct {
  char b[1024];
  size_t n;
} msgbuf;

static void mb_str(msgbuf *m, const char *s) {
  while (*s && m->n < sizeof m->b) m->b[m->n++] = *s++;
}

static void mb_num(msgbuf *m, unsigned long v) {
  char d[24];
  int i = 0;
  do d[i++] = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  while (i > 0 && m->n < sizeof m->b) m->b[m->n++] = d[--i];
}

/* Write "<prefix><what><arg>: <ERRNO>\n" (+ supervisord's trailer) to fd 2 and _exit(code). */
static void child_fail(const spawn_opts *o, const char *what, const char *arg, long num, int err,
                       int code) {
  msgbuf m = {.n = 0};
  mb_str(&m, o->shell_style ? "tend: " : "supervisor: ");
  mb_str(&m, what);
  if (arg != NULL) mb_str(&m, arg);
  else mb_num(&m, (unsigned long)num);
  mb_str(&m, ": ");
  const char *name = tend_errno_name(err);
  if (name != NULL) mb_str(&m, name);
  else mb_num(&m, (unsigned long)err);
  mb_str(&m, "\n");
  if (!o->shell_style) mb_str(&m, "supervisor: child process was not spawned\n");
  for (size_t off = 0; off < m.n;) {
    ssize_t w = write(2, m.b + off, m.n - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) break;
    off += (size_t)w;
  }
  _exit(code);
}

static void reset_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigemptyset(&sa.sa_mask);
  for (int sig = 1; sig < NSIG; sig++)
    if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &sa, NULL); /* EINVAL for libc's own: fine */
}

/* Put the child's stdio on 0, 1, 2. Sources below 3 that are not already in place are first
 * moved above 2, so no dup2 can overwrite a source that a later dup2 still needs. */
static void setup_stdio(const spawn_opts *o) {
  int fds[3];
  for (int i = 0; i < 3; i++) {
    fds[i] = o->stdio[i] >= 0 ? o->stdio[i] : open("/dev/null", O_RDWR | O_CLOEXEC);
    if (fds[i] < 0) child_fail(o, "couldn't open /dev/null for fd ", NULL, i, errno, 127);
    if (fds[i] < 3 && fds[i] != i) {
      fds[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, 3);
      if (fds[i] < 0) child_fail(o, "couldn't set up fd ", NULL, i, errno, 127);
    }
  }
  for (int i = 0; i < 3; i++) {
    int r = fds[i] == i ? fcntl(i, F_SETFD, 0) /* keep it open across exec */ : dup2(fds[i], i);
    if (r < 0) child_fail(o, "couldn't set up fd ", NULL, i, errno, 127);
  }
}

static void close_other_fds(int max_fd) {
#ifdef SYS_close_range
  if (max_fd < 0 && syscall(SYS_close_range, 3U, ~0U, 0U) == 0) return;
#endif
  if (max_fd < 0) max_fd = 65535;
  for (int fd = 3; fd <= max_fd; fd++) close(fd);
}

static void child(const spawn_opts *o) {
  reset_signals(); /* all signals are still blocked (by the parent, before fork) */
  if (o->setpgid) setpgid(0, 0);
  setup_stdio(o);
  if (o->foreground) { /* take the terminal, like tini; best effort (ENOTTY when not a tty) */
    signal(SIGTTOU, SIG_IGN);
    tcsetpgrp(0, getpgrp());
    signal(SIGTTOU, SIG_DFL);
  }
  close_other_fds(o->max_fd);
  if (o->has_user && getuid() != o->uid) { /* same uid: nothing to drop (as supervisord) */
    if (syscall(TEND_SYS_SETGROUPS, o->ngroups, o->groups) != 0 ||
        syscall(TEND_SYS_SETGID, o->gid) != 0 || syscall(TEND_SYS_SETUID, o->uid) != 0)
      child_fail(o, "couldn't setuid to ", NULL, (long)o->uid, errno, 127);
  }
  if (o->cwd != NULL && chdir(o->cwd) != 0) child_fail(o, "couldn't chdir to ", o->cwd, 0, errno, 127);
  if (o->umask >= 0) umask((mode_t)o->umask);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  execve(o->file, o->argv, o->envp);
  int err = errno; /* supervisord: always 127; a shell: 127 only when not found */
  int code = o->shell_style && err != ENOENT && err != ENOTDIR ? 126 : 127;
  child_fail(o, "couldn't exec ", o->argv[0] != NULL ? o->argv[0] : o->file, 0, err, code);
}

/* ---------------------------------------------------------------- parent side */

/* Does close_range(2) work here (kernel >= 5.9, not filtered by seccomp)? */
static bool close_range_works(void) {
  static int known = -1;
#ifdef SYS_close_range
  if (known < 0) known = syscall(SYS_close_range, (unsigned)INT_MAX, (unsigned)INT_MAX, 0U) == 0;
#else
  known = 0;
#endif
  return known == 1;
}

/* The highest open fd, for the close loop fallback. */
static int highest_fd(void) {
  int max = 2;
  DIR *d = opendir("/proc/self/fd");
  if (d == NULL) {
    long m = sysconf(_SC_OPEN_MAX);
    return m > 0 && m < (1L << 20) ? (int)m - 1 : (1 << 20) - 1;
  }
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    int fd = atoi(de->d_name);
    if (fd > max) max = fd;
  }
  closedir(d);
  return max;
}

static napi_status get_prop(napi_env env, napi_value obj, const char *key, napi_value *out,
                            napi_valuetype *type) {
  napi_status s = napi_get_named_property(env, obj, key, out);
  if (s == napi_ok) s = napi_typeof(env, *out, type);
  return s;
}

static char *dup_string(napi_env env, napi_value v) {
  size_t len;
  if (napi_get_value_string_utf8(env, v, NULL, 0, &len) != napi_ok) return NULL;
  char *s = malloc(len + 1);
  if (s == NULL) {
    napi_throw_error(env, "ENOMEM", "spawn: out of memory");
    return NULL;
  }
  if (napi_get_value_string_utf8(env, v, s, len + 1, &len) != napi_ok) {
    free(s);
    return NULL;
  }
  return s;
}

static void free_strings(char **v) {
  if (v == NULL) return;
  for (char **p = v; *p != NULL; p++) free(*p);
  free(v);
}

/* A JS array of strings -> NULL-terminated char*[]. */
static char **dup_string_array(napi_env env, napi_value arr) {
  uint32_t n;
  if (napi_get_array_length(env, arr, &n) != napi_ok) return NULL;
  char **v = calloc((size_t)n + 1, sizeof *v);
  if (v == NULL) {
    napi_throw_error(env, "ENOMEM", "spawn: out of memory");
    return NULL;
  }
  for (uint32_t i = 0; i < n; i++) {
    napi_value e;
    if (napi_get_element(env, arr, i, &e) != napi_ok || (v[i] = dup_string(env, e)) == NULL) {
      free_strings(v);
      return NULL;
    }
  }
  return v;
}

static int get_int(napi_env env, napi_value obj, const char *key, int dflt, int *out) {
  napi_value v;
  napi_valuetype t;
  if (get_prop(env, obj, key, &v, &t) != napi_ok) return -1;
  *out = dflt;
  if (t == napi_undefined || t == napi_null) return 0;
  return napi_get_value_int32(env, v, out) == napi_ok ? 0 : -1;
}

static int get_bool(napi_env env, napi_value obj, const char *key, bool dflt, bool *out) {
  napi_value v;
  napi_valuetype t;
  if (get_prop(env, obj, key, &v, &t) != napi_ok) return -1;
  *out = dflt;
  if (t == napi_undefined || t == napi_null) return 0;
  return napi_get_value_bool(env, v, out) == napi_ok ? 0 : -1;
}

static int read_user(napi_env env, napi_value opts, spawn_opts *o) {
  napi_value user, groups;
  napi_valuetype t;
  int uid, gid;
  uint32_t n;
  if (get_prop(env, opts, "user", &user, &t) != napi_ok) return -1;
  if (t == napi_undefined || t == napi_null) return 0;
  if (get_int(env, user, "uid", -1, &uid) || get_int(env, user, "gid", -1, &gid)) return -1;
  if (uid < 0 || gid < 0) {
    napi_throw_type_error(env, NULL, "spawn: user needs uid and gid");
    return -1;
  }
  if (napi_get_named_property(env, user, "groups", &groups) != napi_ok ||
      napi_get_array_length(env, groups, &n) != napi_ok)
    return -1;
  o->groups = calloc(n ? n : 1, sizeof *o->groups);
  if (o->groups == NULL) {
    napi_throw_error(env, "ENOMEM", "spawn: out of memory");
    return -1;
  }
  for (uint32_t i = 0; i < n; i++) {
    napi_value e;
    uint32_t g;
    if (napi_get_element(env, groups, i, &e) != napi_ok || napi_get_value_uint32(env, e, &g) != napi_ok)
      return -1;
    o->groups[i] = (gid_t)g;
  }
  o->ngroups = n;
  o->has_user = true;
  o->uid = (uid_t)uid;
  o->gid = (gid_t)gid;
  return 0;
}

static int read_opts(napi_env env, napi_value opts, spawn_opts *o) {
  napi_value v;
  napi_valuetype t;
  if (get_prop(env, opts, "file", &v, &t) != napi_ok || (o->file = dup_string(env, v)) == NULL) return -1;
  if (get_prop(env, opts, "argv", &v, &t) != napi_ok || (o->argv = dup_string_array(env, v)) == NULL) return -1;
  if (get_prop(env, opts, "envp", &v, &t) != napi_ok || (o->envp = dup_string_array(env, v)) == NULL) return -1;
  if (get_prop(env, opts, "stdio", &v, &t) != napi_ok) return -1;
  for (uint32_t i = 0; i < 3; i++) {
    napi_value e;
    if (napi_get_element(env, v, i, &e) != napi_ok || napi_get_value_int32(env, e, &o->stdio[i]) != napi_ok)
      return -1;
  }
  if (get_bool(env, opts, "setpgid", true, &o->setpgid) || get_bool(env, opts, "foreground", false, &o->foreground) ||
      get_bool(env, opts, "shellStyle", false, &o->shell_style) || get_int(env, opts, "umask", -1, &o->umask))
    return -1;
  if (get_prop(env, opts, "cwd", &v, &t) != napi_ok) return -1;
  if (t == napi_string && (o->cwd = dup_string(env, v)) == NULL) return -1;
  return read_user(env, opts, o);
}

static void free_opts(spawn_opts *o) {
  free(o->file);
  free_strings(o->argv);
  free_strings(o->envp);
  free(o->groups);
  free(o->cwd);
}

static napi_value js_spawn(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg, result = NULL;
  NAPI_OK(napi_get_cb_info(env, info, &argc, &arg, NULL, NULL));
  spawn_opts o;
  memset(&o, 0, sizeof o);
  if (argc < 1 || read_opts(env, arg, &o) != 0) {
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (!pending) napi_throw_type_error(env, NULL, "spawn: bad options");
    free_opts(&o);
    return NULL;
  }
  o.max_fd = close_range_works() ? -1 : highest_fd();

  /* Block every signal across fork so no handler of Node's runs in the child before the
   * dispositions are reset there; the child unblocks them just before execve. */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pid_t pid = fork();
  if (pid == 0) child(&o); /* does not return */
  int err = errno;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  /* Also from this side, so a kill(-pid) right after spawn() returns cannot miss the group
   * (EACCES once the child has exec'd: it did it itself by then). */
  if (pid > 0 && o.setpgid) setpgid(pid, pid);

  if (pid < 0) tend_throw_errno(env, "fork", err);
  else napi_create_int32(env, pid, &result);
  free_opts(&o);
  return result;
}

static napi_value js_pipe(napi_env env, napi_callback_info info) {
  (void)info;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    tend_throw_errno(env, "pipe", errno);
    return NULL;
  }
  napi_value arr, r, w;
  if (napi_create_array_with_length(env, 2, &arr) != napi_ok || napi_create_int32(env, fds[0], &r) != napi_ok ||
      napi_create_int32(env, fds[1], &w) != napi_ok || napi_set_element(env, arr, 0, r) != napi_ok ||
      napi_set_element(env, arr, 1, w) != napi_ok) {
    close(fds[0]);
    close(fds[1]);
    return NULL;
  }
  return arr;
}

napi_status tend_init_spawn(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"spawn", NULL, js_spawn, NULL, NULL, NULL, napi_enumerable, NULL},
      {"pipe", NULL, js_pipe, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
