#!/usr/bin/env python3
"""Copies sections of a generated tables file into documentation pages, so that the
pages' firmware figures are the generated ones, never retyped (the pattern of
studies/seed-levels/splice.py).

Usage: splice.py [--check] TABLES_MD PAGE_MD...

TABLES_MD is written by a firmware run script (examples/mcu/run.sh writes
mcu-tables.md, examples/firmware/run.sh firmware-tables.md) from its committed record
(expected.txt). NAME is TABLES_MD's file name. In each PAGE_MD, everything between a
line `<!-- NAME: TITLE -->` and the next line `<!-- /NAME -->` is replaced by the body
of the section `### TITLE` of TABLES_MD (up to the next `### ` heading). Markers of
other names are left alone. A marker whose section is missing is an error (exit 1,
nothing written); so is an unclosed marker, and so is a section that no page uses.
Prints what it replaced. With --check no page is written: exit 1, with a diff, if any
marked block differs from the generated section (a figure edited by hand, or a record
updated without splicing).
"""
import difflib
import os
import re
import sys


def sections(text):
    out, title, body = {}, None, []
    for line in text.splitlines():
        m = re.match(r"^### (.+?)\s*$", line)
        if m:
            if title is not None:
                out[title] = "\n".join(body).strip("\n")
            title, body = m.group(1), []
        elif title is not None:
            body.append(line)
    if title is not None:
        out[title] = "\n".join(body).strip("\n")
    return out


def splice(name, secs, page, page_path):
    open_re = re.compile(r"^<!-- " + re.escape(name) + r": (.+?) -->\s*$")
    close = f"<!-- /{name} -->"
    lines = page.splitlines()
    out, i, done = [], 0, []
    while i < len(lines):
        line = lines[i]
        m = open_re.match(line)
        if not m:
            out.append(line)
            i += 1
            continue
        title = m.group(1)
        if title not in secs:
            raise SystemExit(f"splice.py: {page_path}: no section '### {title}' in {name}")
        j = i + 1
        while j < len(lines) and lines[j].strip() != close:
            j += 1
        if j == len(lines):
            raise SystemExit(f"splice.py: {page_path}: marker '{title}' is not closed")
        out += [line, "", secs[title], "", lines[j]]
        done.append(title)
        i = j + 1
    return "\n".join(out) + "\n", done


def main():
    args = sys.argv[1:]
    check = args[:1] == ["--check"]
    if check:
        args = args[1:]
    if len(args) < 2:
        raise SystemExit(__doc__)
    tables_path, pages = args[0], args[1:]
    name = os.path.basename(tables_path)
    secs = sections(open(tables_path, encoding="utf-8").read())
    new_pages, used, bad = {}, set(), False
    for path in pages:
        page = open(path, encoding="utf-8").read()
        new, done = splice(name, secs, page, path)
        used.update(done)
        new_pages[path] = (page, new, done)
    unused = sorted(set(secs) - used)
    if unused:
        raise SystemExit(f"splice.py: sections of {name} that no page uses: {', '.join(unused)}")
    for path, (page, new, done) in new_pages.items():
        if check:
            if new != page:
                bad = True
                diff = difflib.unified_diff(
                    page.splitlines(), new.splitlines(), path, f"{path} (from {name})", lineterm=""
                )
                print("\n".join(list(diff)[:60]))
                print(f"splice.py: {path} differs from {name} in its generated sections")
            else:
                print(f"splice.py: {path}: {len(done)} sections equal to {name}'s")
        elif new != page:
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
            print(f"splice.py: {path}: {len(done)} sections rewritten from {name}: {', '.join(done)}")
        else:
            print(f"splice.py: {path}: {len(done)} sections, already equal to {name}'s")
    if bad:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
