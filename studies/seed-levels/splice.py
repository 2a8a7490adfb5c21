#!/usr/bin/env python3
"""Copies sections of report.md into a docs page, so that the page's tables are the
report's, never retyped.

Usage: splice.py [--check] REPORT_MD PAGE_MD

In PAGE_MD, everything between a line `<!-- report.md: TITLE -->` and the next line
`<!-- /report.md -->` is replaced by the body of the section `### TITLE` of REPORT_MD
(up to the next `### ` heading). A marker whose section is missing is an error (exit 1,
the page left as it was); so is an unclosed marker. Prints what it replaced. With
--check the page is not written: exit 1 if any of its sections differs from the
report's (a table edited by hand, or a report not spliced).
"""
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


def splice(report, page):
    secs = sections(report)
    lines = page.splitlines()
    out, i, done = [], 0, []
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^<!-- report\.md: (.+?) -->\s*$", line)
        if not m:
            out.append(line)
            i += 1
            continue
        title = m.group(1)
        if title not in secs:
            raise SystemExit(f"splice.py: no section '### {title}' in the report")
        j = i + 1
        while j < len(lines) and lines[j].strip() != "<!-- /report.md -->":
            j += 1
        if j == len(lines):
            raise SystemExit(f"splice.py: marker '{title}' is not closed")
        out += [line, "", secs[title], "", lines[j]]
        done.append(title)
        i = j + 1
    return "\n".join(out) + "\n", done


def main():
    args = sys.argv[1:]
    check = args[:1] == ["--check"]
    if check:
        args = args[1:]
    if len(args) != 2:
        raise SystemExit(__doc__)
    report = open(args[0], encoding="utf-8").read()
    page_path = args[1]
    page = open(page_path, encoding="utf-8").read()
    new, done = splice(report, page)
    if check:
        if new != page:
            raise SystemExit(
                f"splice.py: {page_path} differs from {args[0]} in its report sections; "
                "run studies/seed-levels/report.sh (or splice.py without --check)"
            )
        print(f"splice.py: {page_path}: {len(done)} sections equal to the report's")
        return
    with open(page_path, "w", encoding="utf-8") as f:
        f.write(new)
    print(f"splice.py: {page_path}: {len(done)} sections from the report: {', '.join(done)}")


if __name__ == "__main__":
    main()
