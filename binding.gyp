# The one native addon, build/Release/reaper.node (see native/addon.c).
{
  "targets": [
    {
      "target_name": "reaper",
      "sources": ["native/addon.c", "native/reaper.c", "native/spawn.c", "native/lines.c"],
      "cflags": ["-Wall", "-Wextra"],
      "cflags_c": ["-std=gnu11"]
    }
  ]
}
