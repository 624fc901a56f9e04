#!/usr/bin/env python3
"""Lines of Java per file: total, and code (not blank, not comment-only). Usage: loc.py FILE..."""
import sys


def count(path):
    total = code = 0
    in_block = False
    for line in open(path, encoding="utf-8"):
        total += 1
        s = line.strip()
        if in_block:
            if "*/" in s:
                in_block = False
            continue
        if not s or s.startswith("//"):
            continue
        if s.startswith("/*"):
            in_block = "*/" not in s
            continue
        code += 1
    return total, code


grand = [0, 0]
for f in sys.argv[1:]:
    t, c = count(f)
    grand[0] += t
    grand[1] += c
    print(f"{t:6d} {c:6d}  {f}")
print(f"{grand[0]:6d} {grand[1]:6d}  total (lines, code lines)")
