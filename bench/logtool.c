/* Helper for bench/logs.mjs: writes and checks numbered 100-byte log lines.
 *
 *   logtool gen BYTES GOFIFO READYFILE   create READYFILE, wait for one byte on GOFIFO, write
 *                                        BYTES (a multiple of 100) of lines to stdout in 8 KiB
 *                                        writes (as `yes | head -c` does), then sleep until killed
 *   logtool sink LAST REPORT             read stdin (a pipe), check every line; write a JSON report
 *                                        to REPORT when line LAST arrives, again at EOF or SIGTERM
 *   logtool check LAST FILE...           check the concatenation of FILEs, JSON report to stdout
 *                                        (oldest first; a leading partial line is reported apart)
 *
 * A line is 10 decimal digits (its number, from 1) + 89 'x' + '\n'. Anything before those 99
 * bytes on a line is a prefix (tend's `name | `); lines without the pattern are counted as stray
 * (the daemon's own messages). Numbers must go up by one: every skip or repeat counts as a gap.
 * Build: cc -O2 -o logtool logtool.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAYLOAD 99
#define CHUNK 8192
#define BATCH_LINES 10240 /* 1,024,000 bytes = 125 chunks of 8 KiB */

static void die(const char *what) { perror(what); exit(2); }

static void write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) { if (errno == EINTR) continue; die("write"); }
    p += w; n -= (size_t)w;
  }
}

static int gen(unsigned long long bytes, const char *gofifo, const char *ready) {
  static char buf[BATCH_LINES * 100];
  char num[10];
  memset(num, '0', 10);
  for (int i = 0; i < BATCH_LINES; i++) {
    memset(buf + i * 100 + 10, 'x', 89);
    buf[i * 100 + 99] = '\n';
  }
  int r = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (r < 0) die("open ready");
  close(r);
  int g = open(gofifo, O_RDONLY);
  if (g < 0) die("open go fifo");
  char c;
  while (read(g, &c, 1) < 0 && errno == EINTR) {}
  close(g);
  unsigned long long left = bytes - bytes % 100;
  while (left > 0) {
    size_t batch = left < sizeof buf ? (size_t)left : sizeof buf;
    for (size_t i = 0; i < batch / 100; i++) {
      int d = 9;
      while (num[d] == '9') num[d--] = '0';
      num[d]++;
      memcpy(buf + i * 100, num, 10);
    }
    for (size_t off = 0; off < batch; off += CHUNK)
      write_all(1, buf + off, batch - off < CHUNK ? batch - off : CHUNK);
    left -= batch;
  }
  for (;;) pause();
  return 0;
}

/* ---- checking */

struct st {
  unsigned long long bytes, lines, ok, stray, gaps, first, last, head_fragment;
  long prefix_len;
  unsigned long long prefix_mixed;
  char prefix[64];
  int complete;
  double done_at; /* CLOCK_REALTIME seconds when line LAST arrived */
};
static struct st S = { .prefix_len = -1 };
static unsigned long long LAST;
static int checking; /* check mode: a first line without the pattern is the tail of a line that
                        was rotated away, counted as head_fragment (bytes) instead of stray */

static const char XS[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; /* 89 */

static void line(const char *p, size_t len) { /* len excludes '\n' */
  S.lines++;
  if (len >= PAYLOAD) {
    const char *q = p + len - PAYLOAD;
    unsigned long long k = 0;
    int good = 1;
    for (int i = 0; i < 10 && good; i++) {
      if (q[i] < '0' || q[i] > '9') good = 0;
      else k = k * 10 + (unsigned)(q[i] - '0');
    }
    if (good && memcmp(q + 10, XS, PAYLOAD - 10)) good = 0;
    if (good) {
      size_t pl = len - PAYLOAD;
      if (S.prefix_len < 0) {
        S.prefix_len = (long)pl;
        memcpy(S.prefix, p, pl < sizeof S.prefix - 1 ? pl : sizeof S.prefix - 1);
      } else if ((long)pl != S.prefix_len || memcmp(p, S.prefix, pl < sizeof S.prefix - 1 ? pl : sizeof S.prefix - 1)) {
        S.prefix_mixed++;
      }
      if (S.ok == 0) S.first = k;
      else if (k != S.last + 1) S.gaps++;
      S.last = k;
      S.ok++;
      if (k == LAST && !S.complete) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        S.complete = 1;
        S.done_at = ts.tv_sec + ts.tv_nsec / 1e9;
      }
      return;
    }
  }
  if (checking && S.lines == 1) S.head_fragment = len + 1;
  else S.stray++;
}

static char part[1 << 16];
static size_t partlen;

static void feed(const char *p, size_t n) {
  S.bytes += n;
  while (n > 0) {
    const char *nl = memchr(p, '\n', n);
    if (!nl) {
      size_t room = sizeof part - partlen, take = n < room ? n : room;
      memcpy(part + partlen, p, take);
      partlen += take;
      return;
    }
    size_t len = (size_t)(nl - p);
    if (partlen) {
      size_t room = sizeof part - partlen, take = len < room ? len : room;
      memcpy(part + partlen, p, take);
      line(part, partlen + take);
      partlen = 0;
    } else {
      line(p, len);
    }
    p = nl + 1; n -= len + 1;
  }
}

static void report(FILE *f) {
  fprintf(f, "{\"bytes\":%llu,\"lines\":%llu,\"numbered\":%llu,\"first\":%llu,\"last\":%llu,\"gaps\":%llu,"
             "\"stray\":%llu,\"head_fragment\":%llu,\"partial\":%zu,\"prefix_len\":%ld,\"prefix_mixed\":%llu,\"prefix\":\"",
          S.bytes, S.lines, S.ok, S.first, S.last, S.gaps, S.stray, S.head_fragment, partlen, S.prefix_len, S.prefix_mixed);
  for (const char *c = S.prefix; *c; c++) fprintf(f, (*c == '"' || *c == '\\') ? "\\%c" : (*c < 32 ? "?" : "%c"), *c);
  fprintf(f, "\",\"complete\":%s,\"done_at\":%.6f}\n", S.complete ? "true" : "false", S.done_at);
}

static const char *report_path;
static void write_report(const char *suffix) {
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s%s.tmp", report_path, suffix);
  FILE *f = fopen(tmp, "w");
  if (!f) die("report");
  report(f);
  fclose(f);
  char dst[4096];
  snprintf(dst, sizeof dst, "%s%s", report_path, suffix);
  rename(tmp, dst);
}

static volatile sig_atomic_t stop;
static void on_term(int s) { (void)s; stop = 1; }

static int sink(void) {
  static char buf[1 << 20];
  struct sigaction sa = { .sa_handler = on_term }; /* no SA_RESTART: read() returns EINTR */
  sigaction(SIGTERM, &sa, NULL);
  int fl = fcntl(0, F_GETFL);
  if (fl >= 0) fcntl(0, F_SETFL, fl & ~O_NONBLOCK); /* the bench hands us a FIFO opened O_NONBLOCK */
  int reported = 0;
  while (!stop) {
    ssize_t r = read(0, buf, sizeof buf);
    if (r < 0) { if (errno == EINTR) continue; die("read"); }
    if (r == 0) break;
    feed(buf, (size_t)r);
    if (S.complete && !reported) { write_report(""); reported = 1; }
  }
  write_report(".final");
  return 0;
}

static int check(int n, char **files) {
  static char buf[1 << 20];
  for (int i = 0; i < n; i++) {
    int fd = open(files[i], O_RDONLY);
    if (fd < 0) die(files[i]);
    ssize_t r;
    while ((r = read(fd, buf, sizeof buf)) > 0) feed(buf, (size_t)r);
    if (r < 0) die("read");
    close(fd);
  }
  report(stdout);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 5 && !strcmp(argv[1], "gen")) return gen(strtoull(argv[2], NULL, 10), argv[3], argv[4]);
  if (argc == 4 && !strcmp(argv[1], "sink")) { LAST = strtoull(argv[2], NULL, 10); report_path = argv[3]; return sink(); }
  if (argc >= 3 && !strcmp(argv[1], "check")) { LAST = strtoull(argv[2], NULL, 10); checking = 1; return check(argc - 3, argv + 3); }
  fprintf(stderr, "usage: logtool gen BYTES GOFIFO READYFILE | sink LAST REPORT | check LAST FILE...\n");
  return 2;
}
