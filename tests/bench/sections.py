#!/usr/bin/env python3
"""sections.py FILE ORDERS SECTION_FILE: put one scale's section into docs/BENCHMARKS.md.

Each scale (a number of orders) has its own section between markers, so that
`make bench` and `SCALE=10M make bench` can both live in the file: a run replaces
its own scale's section and keeps the others.  A file without markers (written
before there were sections) is replaced whole."""
import os, re, sys

HEADER = """# backdesk benchmarks

Written by `make bench` (tests/bench/run): `make bench` seeds 1,000,000 orders,
`SCALE=10M make bench` 10,000,000 orders and 3,333,334 customers, each on a private
cluster, and writes its own section below without touching the other's.
Timings on these machines are noisy: read each figure next to its floor or baseline
from the same run, and the ratio rather than the milliseconds.
"""
MARK = re.compile(r'<!-- bench:(\d+) -->\n(.*?)<!-- /bench:\1 -->\n?', re.S)

path, orders, new = sys.argv[1], int(sys.argv[2]), open(sys.argv[3]).read()
sections = {}
tail = ''
if os.path.exists(path):
    text = open(path).read()
    sections = {int(n): body for n, body in MARK.findall(text)}
    # What follows the last section (notes written by hand) stays.
    last = None
    for last in MARK.finditer(text):
        pass
    if last is not None:
        tail = text[last.end():]
sections[orders] = new.rstrip('\n') + '\n'
out = [HEADER]
for n in sorted(sections):
    out.append('\n<!-- bench:%d -->\n%s<!-- /bench:%d -->\n' % (n, sections[n], n))
if tail.strip():
    out.append(tail if tail.startswith('\n') else '\n' + tail)
tmp = path + '.tmp'
with open(tmp, 'w') as f:
    f.write(''.join(out))
os.replace(tmp, path)
