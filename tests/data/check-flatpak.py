#!/usr/bin/env python3
"""Checks the Flatpak manifest parses and names the app id and command, and asks for no more
of the user's machine than the app uses (no network, no home folder)."""
import json
import sys

path, app_id = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

failures = []
if manifest.get("app-id", manifest.get("id")) != app_id:
    failures.append(f"app id is {manifest.get('app-id')!r}, not {app_id!r}")
if manifest.get("command") != "support-plans":
    failures.append(f"command is {manifest.get('command')!r}, not 'support-plans'")
if not str(manifest.get("runtime", "")).startswith("org.gnome."):
    failures.append("runtime is not a GNOME runtime")
finish = manifest.get("finish-args", [])
for forbidden in ("--share=network", "--filesystem=home", "--filesystem=host"):
    if forbidden in finish:
        failures.append(f"finish-args grant {forbidden}")
modules = [m if isinstance(m, str) else m.get("name") for m in manifest.get("modules", [])]
if "support-plans" not in modules:
    failures.append("no support-plans module")
# SQLite is built into the bundle so its version (and FTS5) is ours, not the runtime's.
if not any("sqlite" in str(m) for m in modules):
    failures.append("no sqlite module")

for failure in failures:
    print("flatpak manifest:", failure)
sys.exit(1 if failures else 0)
