#!/usr/bin/env python3
"""keep.py FILE ORDERS TITLE: the body of subsection "### TITLE" in the ORDERS-order
section of FILE as the last run that measured it wrote it, or "Not run this time
(BENCH_PARTS)." when there is none: a run of some parts keeps the others' figures
(each says when and where it was taken in its own text)."""
import os, re, sys

path, orders, title = sys.argv[1], sys.argv[2], sys.argv[3]
body = None
if os.path.exists(path):
    m = re.search(r'<!-- bench:%s -->\n(.*?)<!-- /bench:%s -->' % (orders, orders), open(path).read(), re.S)
    if m:
        s = re.search(r'^### ' + re.escape(title) + r'\n\n(.*?)(?=^### |\Z)', m.group(1), re.S | re.M)
        if s:
            body = s.group(1).rstrip('\n')
print(body if body else 'Not run this time (BENCH_PARTS).')
