#!/bin/sh
# The background worker: takes a job every 2 seconds. On SIGTERM it finishes the job it is on
# and exits 0, so tend logs `stopped: worker (exit status 0)`.
n=0
running=1
trap 'echo "got SIGTERM, finishing job $n"; running=0' TERM
echo "worker started"
while [ "$running" = 1 ]; do
  n=$((n + 1))
  echo "job $n: working"
  # sleep in the background and wait for it, so that the TERM trap runs at once
  sleep 2 &
  wait $!
done
kill $! 2>/dev/null
echo "worker stopped after $n jobs"
exit 0
