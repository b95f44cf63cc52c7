# tend's image: the init (/init.js), its addon (/tend.node) and ctl (/usr/local/bin/ctl) on a
# Node base image. Build from source:
#
#   docker build -t tend .
#
# Build arguments:
#   NODE_IMAGE     the base of the image (default: the official Node 24 LTS slim image).
#                  tend runs on Node 20, 22 and 24; the addon is N-API, so one build fits all.
#   BUILD_IMAGE    the base of the build stage (default: NODE_IMAGE). It needs Node, npm, a
#                  shell and apt-get (for python3, make and g++), and the same or an older glibc
#                  than NODE_IMAGE, since the addon links against it.
#   TEND_PREBUILT  set to 1 to skip the compile and take dist/ from the build context instead
#                  (run `npm run build` first). The runtime stage is the same either way; only
#                  the build stage's RUN steps change (they need only sh and cp then). The
#                  end-to-end tests (test/docker) use it, because they run without a registry:
#                  apt-get and npm ci cannot run there.
#                  A build argument and not a separate stage chosen by --target, because the
#                  classic builder (no BuildKit) builds every stage before the target.
#
# Programs: put a supervisord.conf at /etc/supervisord.conf (or pass `-c FILE` as the command),
# or run one command tini-style: `docker run tend -- CMD ARGS...`.

ARG NODE_IMAGE=node:24-bookworm-slim
ARG BUILD_IMAGE=${NODE_IMAGE}

FROM ${BUILD_IMAGE} AS build
ARG TEND_PREBUILT=
WORKDIR /src
COPY package.json package-lock.json ./
# node-gyp needs python3, make and g++; the official image has Node's headers in /usr/local/include.
RUN if [ -z "$TEND_PREBUILT" ]; then \
      apt-get update \
      && apt-get install -y --no-install-recommends python3 make g++ \
      && rm -rf /var/lib/apt/lists/* \
      && npm ci --no-audit --no-fund; \
    fi
COPY . .
# /out is laid out as the runtime's root, so that the runtime stage needs one COPY and no RUN
# (any Node base works, even one without a shell).
RUN if [ -z "$TEND_PREBUILT" ]; then npm run build; fi \
    && for f in init.js ctl.js tend.node; do \
         [ -f "dist/$f" ] || { echo "dist/$f is missing: run npm run build first (TEND_PREBUILT=1)" >&2; exit 1; }; \
       done \
    && mkdir -p /out/usr/local/bin \
    && cp dist/init.js dist/tend.node /out/ \
    && cp dist/ctl.js /out/usr/local/bin/ctl \
    && chmod 0755 /out/init.js /out/usr/local/bin/ctl \
    && chmod 0644 /out/tend.node

FROM ${NODE_IMAGE} AS runtime
COPY --from=build /out/ /
# docker stop sends SIGTERM: tend stops the programs one priority group at a time, highest
# priority first, each within its stopwaitsecs, then exits 0. Give `docker stop -t` (default 10 s)
# at least the sum of the stopwaitsecs of your groups.
STOPSIGNAL SIGTERM
# healthy while tend answers and no program is FATAL, BACKOFF, UNKNOWN or EXITED with an exit code
# not in its exitcodes (a one-shot that finished as expected, or a program stopped on purpose, is fine). `node ctl` rather than `ctl` so that
# bases without /usr/bin/env work too.
HEALTHCHECK --interval=30s --timeout=10s --start-period=15s --retries=3 \
  CMD ["node", "/usr/local/bin/ctl", "health"]
ENTRYPOINT ["node", "/init.js"]
