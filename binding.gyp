# The one native addon (reaping, fork/exec, pipes, line prefixing), build/Release/tend.node (see native/addon.c).
{
  "targets": [
    {
      "target_name": "tend",
      "sources": ["native/addon.c", "native/reaper.c", "native/spawn.c", "native/lines.c"],
      "cflags": ["-Wall", "-Wextra"],
      "cflags_c": ["-std=gnu11"]
    }
  ]
}
