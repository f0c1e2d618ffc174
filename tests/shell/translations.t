#!/bin/bash
# Every string a person reads goes through gettext and has a translation in every
# language (issue 16): for each catalog, nothing of today's sources is missing,
# untranslated or fuzzy, the format strings take the same arguments as the English
# (msgfmt --check-format), and the header names the language's plural forms.  And
# no sentence in the console's layers escaped _(): a literal of words that is no
# marked string is either on the short list below, with why, or a bug.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
cd "$BACKDESK_ROOT" || exit 1

LINGUAS="tr hu"
plan $((5 * 2 + 3))

tmp=$(mktemp -d)
at_exit rm -rf "$tmp"
export LC_ALL=C.UTF-8

for l in $LINGUAS; do
	ok "[ -f po/$l.po ]" "po/$l.po exists"
	out=$(msgfmt --check -o /dev/null "po/$l.po" 2>&1)
	is "$out" "" "po/$l.po passes msgfmt --check (header, plural forms, formats)"
	like "$(grep '^"Plural-Forms:' "po/$l.po" 2>/dev/null)" 'nplurals=2; plural=\(n != 1\);' \
		"po/$l.po has the language's plural forms"
	out=$(tools/po.sh missing "$l" 2>&1)
	is "$out" "" "po/$l.po translates every string of today's sources (make po, then translate)"
	# Merged with today's template, so a changed format in the sources is caught too.
	tools/po.sh pot "$tmp/backdesk.pot" 2>/dev/null
	msgmerge --quiet --no-fuzzy-matching -o "$tmp/$l.po" "po/$l.po" "$tmp/backdesk.pot" 2>/dev/null
	out=$(msgfmt --check-format -o /dev/null "$tmp/$l.po" 2>&1)
	is "$out" "" "po/$l.po's format strings take the arguments the sources pass"
done

# Literals that read like words but are no text for people: keytable names (ids the
# key checks print), the test-mode protocol, a static assertion, gettext contexts,
# config paths, the application_name the server's views show.
allowed='customer orders
return lines
ticket views
dashboard list
outbox message
message preview
backdesk dashboard
the strip holds every view
key %lu paste %zu\n
idle %lu keys %lu size %dx%d\n
queue view'
tools/po.sh pot "$tmp/marked.pot" 2>/dev/null || echo "tools/po.sh pot failed" > "$tmp/marked.pot"
unmarked=$(python3 - "$tmp/marked.pot" "$allowed" views tui app 2>&1 <<'PY'
import re, subprocess, sys
pot, allowed, dirs = sys.argv[1], set(sys.argv[2].split("\n")), sys.argv[3:]
def unq(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)
marked, cur = [], None
for line in open(pot, encoding="utf-8"):
    m = re.match(r'(msgid|msgid_plural|msgctxt) "(.*)"$', line)
    if m:
        cur = [unq(m.group(2))]
        marked.append(cur)
    elif line.startswith('"') and cur is not None:
        cur[0] += unq(line.strip()[1:-1])
    else:
        cur = None
text = "\n".join(m[0] for m in marked)
files = subprocess.run(["find", *dirs, "-name", "*.[ch]"], capture_output=True, text=True).stdout.split()
for f in sorted(files):
    src = open(f, encoding="utf-8").read()
    src = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), src, flags=re.S)
    src = re.sub(r"//[^\n]*", "", src)
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', src):
        s = m.group(1)
        if not re.search(r"[A-Za-z][a-z]+ [a-z]{2,}", s) or s in allowed:
            continue
        if "#include" in src[src.rfind("\n", 0, m.start()) + 1:m.start()]:
            continue
        if unq(s) not in text:
            print(f"{f}:{src.count(chr(10), 0, m.start()) + 1}: \"{s}\"")
PY
)
is "$unmarked" "" "no sentence in views/, tui/ or app/ escapes _() or N_()"

# Every file that marks a string is read for the template (mail/ and net/ were not,
# until stop 25: their 46 messages were English in every language).
# (A comment's example does not count: lines that start with " * ", /* or //.)
unread=$(grep -rnE --include='*.[ch]' '(^|[^A-Za-z0-9_])N?_\("' $(sed -n 's/^LIB_DIRS *:= *//p' Makefile) |
	grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*([[:space:]]|/|$)|/[*/])' | cut -d: -f1 | sort -u |
	while read -r f; do grep -qE "^#:.* $f( |$)" "$tmp/marked.pot" || echo "$f"; done)
is "$unread" "" "every file with a marked string is in the template (tools/po.sh DIRS)"

# The check itself: a catalog missing one string fails it, and says which.
sed '/^msgid "Quit"$/,/^$/d' po/tr.po > "$tmp/short.po"
out=$(tools/po.sh missing tr "$tmp/short.po" 2>&1)
rc=$?
like "$rc ${out//$'\n'/ }" '^1 .*untranslated:.*msgid "Quit"' "a catalog without \"Quit\" fails the check, naming it"
