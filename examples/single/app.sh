#!/bin/sh
# A program for tend's single-program mode: it works until SIGTERM (then exits 0 after
# cleaning up), or until it is done, when started with an exit code: `app.sh 7` exits 7.
# Meanwhile it leaves orphans behind, as shell scripts often do, for tend to reap.
echo "app: started, pid $$"
trap 'echo "app: got SIGTERM, cleaning up"; exit 0' TERM
i=0
while :; do
  i=$((i + 1))
  sh -c 'sleep 0.2 &'          # the inner shell exits at once; its sleep becomes an orphan
  if [ -n "$1" ] && [ "$i" -ge 3 ]; then
    echo "app: done, exiting $1"
    exit "$1"
  fi
  sleep 1 &
  wait $!
done
