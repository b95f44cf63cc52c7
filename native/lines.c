/* Also growPipe(fd, bytes) below.
 * prefixLines(data, start, end, prefix[, head]): the bytes data[start, end) (which end with a
 * newline) with prefix put in front of every line, as a new Buffer. head, when given, is the
 * held start of the first line: the result then begins with prefix + head, and data's first
 * line gets no prefix of its own. The console's hot path: in JS the
 * same work costs more than the pipe I/O around it (bench/README.md, Logs). */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "common.h"

static napi_value js_prefix_lines(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  NAPI_OK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 4) {
    napi_throw_type_error(env, NULL, "prefixLines(data, start, end, prefix)");
    return NULL;
  }
  char *data;
  size_t data_len;
  char *prefix;
  size_t prefix_len;
  int64_t start;
  int64_t end;
  NAPI_OK(napi_get_buffer_info(env, argv[0], (void **)&data, &data_len));
  NAPI_OK(napi_get_value_int64(env, argv[1], &start));
  NAPI_OK(napi_get_value_int64(env, argv[2], &end));
  NAPI_OK(napi_get_buffer_info(env, argv[3], (void **)&prefix, &prefix_len));
  char *head = NULL;
  size_t head_len = 0;
  napi_valuetype head_type = napi_undefined;
  if (argc >= 5) NAPI_OK(napi_typeof(env, argv[4], &head_type));
  if (head_type != napi_undefined && head_type != napi_null) {
    NAPI_OK(napi_get_buffer_info(env, argv[4], (void **)&head, &head_len));
  }
  if (start < 0 || end < start || (size_t)end > data_len) {
    napi_throw_range_error(env, NULL, "prefixLines: bad range");
    return NULL;
  }
  const char *p = data + start;
  const char *stop = data + end;
  size_t lines = 0;
  for (const char *q = p; q < stop; q++) {
    q = memchr(q, '\n', (size_t)(stop - q));
    if (q == NULL) break;
    lines++;
  }
  if (stop > p && stop[-1] != '\n') lines++; /* a last line without its newline still gets a prefix */
  if (head != NULL && lines == 0) lines = 1;
  size_t out_len = head_len + (size_t)(stop - p) + lines * prefix_len;
  char *out;
  napi_value result;
  NAPI_OK(napi_create_buffer(env, out_len, (void **)&out, &result));
  char *w = out;
  int first = 1;
  if (head != NULL) {
    memcpy(w, prefix, prefix_len);
    w += prefix_len;
    memcpy(w, head, head_len);
    w += head_len;
    first = 0;
  }
  while (p < stop) {
    const char *nl = memchr(p, '\n', (size_t)(stop - p));
    const char *line_end = nl == NULL ? stop : nl + 1;
    if (first) {
      memcpy(w, prefix, prefix_len);
      w += prefix_len;
    }
    first = 1;
    memcpy(w, p, (size_t)(line_end - p));
    w += line_end - p;
    p = line_end;
  }
  return result;
}

/* growPipe(fd, bytes): F_SETPIPE_SZ when fd is a pipe; returns the capacity now, or -1 when
 * fd is not a pipe or the kernel refuses (never throws: a bigger pipe is only an optimisation).
 * tend's stdout to docker is a 64 KiB pipe: every batch of prefixed lines overflows it, costing
 * a partial write, a wait and a second write. */
static napi_value js_grow_pipe(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  NAPI_OK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int32_t fd = -1;
  int32_t bytes = 0;
  if (argc >= 2) {
    NAPI_OK(napi_get_value_int32(env, argv[0], &fd));
    NAPI_OK(napi_get_value_int32(env, argv[1], &bytes));
  }
  int now = -1;
#ifdef F_SETPIPE_SZ
  if (fd >= 0 && bytes > 0 && fcntl(fd, F_GETPIPE_SZ) >= 0) {
    now = fcntl(fd, F_SETPIPE_SZ, bytes);
    if (now < 0) now = fcntl(fd, F_GETPIPE_SZ);
  }
#endif
  napi_value result;
  NAPI_OK(napi_create_int32(env, now, &result));
  return result;
}

napi_status tend_init_lines(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"prefixLines", NULL, js_prefix_lines, NULL, NULL, NULL, napi_enumerable, NULL},
      {"growPipe", NULL, js_grow_pipe, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
