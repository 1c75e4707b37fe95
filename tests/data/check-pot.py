#!/usr/bin/env python3
"""Builds the translation template from po/POTFILES.in with xgettext, as the pot target does,
and checks every listed file exists and strings from C, .ui and data files are extracted."""
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
    files = [l.strip() for l in f if l.strip() and not l.startswith("#")]

missing = [p for p in files if not os.path.exists(os.path.join(root, p))]
if missing:
    print("POTFILES.in lists missing files:", missing)
    sys.exit(1)

# Every file with strings marked for translation is listed, or its strings never reach a
# translator: C files calling _(), N_() or ngettext(), and .ui files with translatable="yes".
marked = re.compile(r'\b(?:N?_|ngettext|C_|NC_)\s*\(\s*"|translatable="yes"')
unlisted = []
for top in ("src", "ui"):
    for dirpath, _, names in os.walk(os.path.join(root, top)):
        for name in sorted(names):
            if not name.endswith((".c", ".ui")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            with open(path, encoding="utf-8") as f:
                if marked.search(f.read()) and rel not in files:
                    unlisted.append(rel)
if unlisted:
    print("files with strings for translation missing from po/POTFILES.in:", unlisted)
    sys.exit(1)

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "support-plans.pot")
    subprocess.run(
        ["xgettext", "--from-code=UTF-8", "--add-comments", "--keyword=_", "--keyword=N_",
         "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3",
         "--keyword=ngettext:1,2", "--directory", root, "--output", pot] + files,
        check=True)
    text = open(pot, encoding="utf-8").read()

expected = ["Welcome to Support Plans",          # ui/sp-window.ui
            "is not a command",                  # src/cli/sp-cli.c
            "has a wrong check letter",          # src/core/sp-upn.c
            "Write and review SEN Support plans"]  # metainfo / desktop
absent = [e for e in expected if e not in text]
if absent:
    print("strings missing from the template:", absent)
    sys.exit(1)
print(f"{text.count('msgid ') - 1} strings in the template")
