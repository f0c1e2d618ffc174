#!/usr/bin/env python3
"""The catalog of every refusal text the database can raise, for the console to
translate (issue 16; docs/ARCHITECTURE.md "Refusals in the staff member's language").

    tools/refusals.py [OUT]      reads the migrated database libpq's environment
                                 names (PGDATABASE...) and writes OUT
                                 (default db/refusal_texts.inc) and, beside it,
                                 sentence_texts.inc (SENTENCES below)

It reads the functions as they are NOW (pg_proc.prosrc of schemas api and backdesk),
not the migrations, so a function redefined later counts once, in its last words.
From each RAISE EXCEPTION statement it takes the format of the message (the literal
after RAISE EXCEPTION, or MESSAGE/HINT/DETAIL = a literal, a format('...') or a
'...' || x || '...' concatenation), and from the calls of the helpers that raise for
their caller the phrases they are given (HELPER_PARAMS below).  Placeholders become %s in the msgid
(what xgettext marks c-format), in the gettext context "refusal" so a phrase the
screens also use ("refunding its shipping fee") is translated for each place apart;
the pattern the console matches keeps their kind.
"""
import os
import re
import subprocess
import sys

# Texts no scan of prosrc finds, with why.
BY_HAND = [
    # backdesk.need_action picks the action's words in a CASE of its DECLARE and
    # passes them as a %s of its messages; the words are arguments, not formats.
    "cancelling it", "changing its address", "refunding its shipping fee",
    "compensating a delay",
]

# Calls whose literal arguments are shown inside another function's refusal: the
# backdesk helpers' parameters named so (require_role's p_what "cancelling orders",
# need_ticket_not_closed's "adding a note", address_refuse's p_message and p_hint,
# refuse_rewrite's p_why), found in pg_proc.  Left out, with why:
HELPER_PARAMS = ("p_what", "p_why", "p_message", "p_hint")
NOT_HELPERS = {
    # p_what names the export in the audit log ('orders'); the refusal's words for
    # it are require_role's, in export_begin's own CASE.
    "export_begin",
}

# Functions whose English sentences are not refusals but reach the screens as data
# (db/sentence.c, context "db"): the answers' "not for this order" reasons (0017,
# 0022) and the tickets' system messages (0028).  From these the catalog takes every
# format() string and, for "all", every literal that reads as words and every
# literal || x concatenation; never their RAISE statements (the refusals' catalog).
SENTENCES = {
    "backdesk.answer_values_base": "all",
    "backdesk.answer_states": "all",
    "backdesk.answer_gaps": "all",
    "api.merge_ticket": "format",
    "api.close_solved_tickets": "format",
    # The refunds' reasons a return writes (0038), shown wherever refunds are.
    "api.refund_return": "format",
    "api.exchange_return": "format",
    "api.store_credit_return": "format",
}
# Sentences no scan finds, with why.  api.receive_mail (0046) writes a system
# message's first line from a CASE inside a concatenation, the subject after ': '.
SENTENCES_BY_HAND = [
    "Delivery failed (bounce from %s)", "Delivery failed (bounce from %s): %s",
    "Automatic reply from %s", "Automatic reply from %s: %s",
]

# The outbox's staff summary of a mail (0045, 0049: its subject column until the
# mail is made from its file) is the argument named so of the helpers that queue
# one; from every call of them the catalog takes that argument's formats.
SUMMARY_PARAMS = ("p_summary",)

SUMMARY_HELPERS_SQL = """
SELECT p.proname, array_to_string(p.proargnames, ',') FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'backdesk' AND p.proargnames && ARRAY['p_summary']
ORDER BY 1
"""

SENTENCES_SQL = """
SELECT n.nspname || '.' || p.proname, p.prosrc FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname IN ('api', 'backdesk')
ORDER BY 1, p.oid
"""

HELPERS_SQL = """
SELECT p.proname, array_to_string(p.proargnames, ',') FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'backdesk' AND p.proargnames && ARRAY['p_what', 'p_why', 'p_message', 'p_hint']
ORDER BY 1
"""

SQL = """
SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname IN ('api', 'backdesk') AND p.prolang IN
      (SELECT oid FROM pg_language WHERE lanname IN ('plpgsql', 'sql'))
ORDER BY n.nspname, p.proname, p.oid
"""


def tokens(src):
    """SQL tokens: ('str', text) for literals, ('word', w), ('op', c); comments gone."""
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("--", i):
            i = src.find("\n", i)
            i = n if i < 0 else i
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif c in "eE" and i + 1 < n and src[i + 1] == "'":
            s, i = literal(src, i + 1, escapes=True)
            yield ("str", s)
        elif c == "'":
            s, i = literal(src, i, escapes=False)
            yield ("str", s)
        elif c == "$":
            m = re.match(r"\$([A-Za-z_]*)\$", src[i:])
            if m:  # a nested dollar-quoted body: its own text, not a refusal
                j = src.find(m.group(0), i + len(m.group(0)))
                i = n if j < 0 else j + len(m.group(0))
            else:
                m = re.match(r"\$\d+", src[i:])
                yield ("word", m.group(0) if m else "$")
                i += len(m.group(0)) if m else 1
        elif c.isspace():
            i += 1
        elif c.isalnum() or c == "_" or c == '"':
            m = re.match(r'("[^"]*"|[A-Za-z0-9_]+)(\.("[^"]*"|[A-Za-z0-9_]+))*', src[i:])
            yield ("word", m.group(0))
            i += len(m.group(0))
        elif src.startswith("||", i) or src.startswith("::", i) or src.startswith(":=", i):
            yield ("op", src[i:i + 2])
            i += 2
        else:
            yield ("op", c)
            i += 1


def literal(src, i, escapes):
    """The text of the literal opening at src[i] == "'", and the index after it.
    Literals separated by a newline only are one (SQL's continuation)."""
    out = []
    while True:
        i += 1
        while True:
            c = src[i]
            if c == "'" and src[i + 1:i + 2] == "'":
                out.append("'")
                i += 2
            elif c == "'":
                i += 1
                break
            elif escapes and c == "\\":
                out.append({"n": "\n", "t": "\t"}.get(src[i + 1], src[i + 1]))
                i += 2
            else:
                out.append(c)
                i += 1
        m = re.match(r"[ \t]*\n\s*'", src[i:])
        if not m:
            return "".join(out), i
        i += len(m.group(0)) - 1


def split_args(toks):
    """The top-level comma-separated arguments of toks (already inside the parens)."""
    args, cur, depth = [], [], 0
    for t in toks:
        if t == ("op", "(") or t == ("op", "["):
            depth += 1
        elif t == ("op", ")") or t == ("op", "]"):
            depth -= 1
        if t == ("op", ",") and depth == 0:
            args.append(cur)
            cur = []
        else:
            cur.append(t)
    args.append(cur)
    return args


def until_close(toks, i):
    """Index of the ')' closing the '(' at toks[i]."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j] == ("op", "("):
            depth += 1
        elif toks[j] == ("op", ")"):
            depth -= 1
            if depth == 0:
                return j
    return len(toks)


def pattern(expr, patterns, kind):
    """The pattern of an expression that makes a text: a literal, format(lit, ...),
    or pieces joined by ||; other expressions give none (an argument, say)."""
    if not expr:
        return
    if len(expr) >= 3 and expr[0][0] == "word" and expr[0][1].lower() in ("format", "pg_catalog.format") \
            and expr[1] == ("op", "("):
        close = until_close(expr, 1)
        args = split_args(expr[2:close])
        if args and len(args[0]) == 1 and args[0][0][0] == "str" and close == len(expr) - 1:
            patterns.add(("format", args[0][0][1]))
            for a in args[1:]:
                words(a, patterns)
            return
    if expr[0] == ("op", "(") and len(expr) > 2 and expr[1][0] == "word" and expr[1][1].upper() == "SELECT" \
            and until_close(expr, 0) == len(expr) - 1:
        # (SELECT 'text' || string_agg(...) FROM ...): the text is the select list's
        depth, end = 0, len(expr) - 1
        for k in range(2, len(expr) - 1):
            depth += expr[k] == ("op", "(")
            depth -= expr[k] == ("op", ")")
            if depth == 0 and expr[k][0] == "word" and expr[k][1].upper() == "FROM":
                end = k
                break
        pattern(expr[2:end], patterns, kind)
        return
    pieces, depth = [[]], 0
    for t in expr:
        depth += t == ("op", "(")
        depth -= t == ("op", ")")
        if t == ("op", "||") and depth == 0:
            pieces.append([])
        else:
            pieces[-1].append(t)
    if len(pieces) == 1 and not (len(expr) == 1 and expr[0][0] == "str"):
        words(expr, patterns)
        return
    text = []
    for p in pieces:
        if len(p) == 1 and p[0][0] == "str":
            text.append(p[0][1].replace("%", "%%"))
        else:
            text.append("%s")
            words(p, patterns)
    if any(re.search("[A-Za-z]{2}", x) for x in text if x != "%s"):
        patterns.add(("format", "".join(text)))


def words(expr, patterns):
    """Inside an argument or a CASE: the formats of nested format() calls, and the
    literals that read as words for people (coalesce(x, 'nothing'), a single word,
    is left alone)."""
    for k, t in enumerate(expr):
        if t[0] != "str":
            continue
        if k >= 2 and expr[k - 1] == ("op", "(") and expr[k - 2][0] == "word" \
                and expr[k - 2][1].lower() in ("format", "pg_catalog.format"):
            patterns.add(("format", t[1]))
        elif re.search(r"[a-z]+ [a-z]+", t[1]) and not re.search(r"\bYYYY\b|HH24", t[1]):
            patterns.add(("format", t[1].replace("%", "%%")))


def scan(src, patterns, helpers):
    toks = list(tokens(src))
    i = 0
    while i < len(toks):
        t = toks[i]
        if t[0] == "word" and t[1].upper() == "RAISE":
            j = i + 1
            while j < len(toks) and toks[j] != ("op", ";"):
                j += 1
            raise_stmt(toks[i + 1:j], patterns)
            i = j
            continue
        name = t[1].split(".")[-1].lower() if t[0] == "word" else None
        if name in helpers and i + 1 < len(toks) and toks[i + 1] == ("op", "("):
            close = until_close(toks, i + 1)
            args = split_args(toks[i + 2:close])
            for k in helpers[name]:
                if k < len(args) and not (len(args[k]) == 1 and args[k][0][0] == "str"
                                          and not re.search("[a-z]{2}", args[k][0][1])):
                    pattern(args[k], patterns, "helper")
        i += 1


def sentence_scan(src, patterns, mode):
    toks, plain = list(tokens(src)), []
    i = 0
    while i < len(toks):
        if toks[i][0] == "word" and toks[i][1].upper() == "RAISE":
            while i < len(toks) and toks[i] != ("op", ";"):
                i += 1
        else:
            plain.append(toks[i])
        i += 1
    pieces = set()  # a concatenation's literals are its pattern's, not sentences
    for k, t in enumerate(plain):
        if t[0] == "str" and k >= 2 and plain[k - 1] == ("op", "(") and plain[k - 2][0] == "word" \
                and plain[k - 2][1].lower() in ("format", "pg_catalog.format"):
            patterns.add(("format", t[1]))
        if mode != "all" or t != ("op", "("):
            continue
        for a in split_args(plain[k + 1:until_close(plain, k)]):
            if a and a[0][0] == "str" and ("op", "||") in a:
                pattern(a, patterns, "sentence")
                pieces.update(x for x in a if x[0] == "str")
    if mode == "all":
        words([t for t in plain if t not in pieces], patterns)


def summary_scan(src, patterns, helpers):
    """The summaries given to the helpers: a format() whose format is a literal or
    a CASE choosing one (backdesk.order_message), or any text pattern() reads."""
    toks = [t for t in tokens(src)]
    for i, t in enumerate(toks):
        name = t[1].split(".")[-1].lower() if t[0] == "word" else None
        if name not in helpers or i + 1 >= len(toks) or toks[i + 1] != ("op", "("):
            continue
        args = split_args(toks[i + 2:until_close(toks, i + 1)])
        k = helpers[name].get(len(args))
        if k is not None:
            a = args[k]
            if len(a) > 3 and a[0][0] == "word" and a[0][1].lower() in ("format", "pg_catalog.format") \
                    and a[1] == ("op", "(") and a[2][0] == "word" and a[2][1].upper() == "CASE":
                first = split_args(a[2:until_close(a, 1)])[0]
                patterns.update(("format", x[1]) for x in first if x[0] == "str" and " " in x[1])
            else:
                pattern(a, patterns, "summary")


def raise_stmt(st, patterns):
    level = st[0][1].upper() if st and st[0][0] == "word" else ""
    if level in ("NOTICE", "WARNING", "INFO", "LOG", "DEBUG"):
        return
    if level == "EXCEPTION":
        st = st[1:]
    using = next((k for k, t in enumerate(st) if t[0] == "word" and t[1].upper() == "USING"), len(st))
    if using > 0 and st[0][0] == "str":
        patterns.add(("raise", st[0][1]))
    for opt in split_args(st[using + 1:]):
        if len(opt) >= 2 and opt[0][0] == "word" and opt[1] == ("op", "=") and \
                opt[0][1].upper() in ("MESSAGE", "HINT", "DETAIL"):
            pattern(opt[2:], patterns, opt[0][1].upper())


def msgid(kind, text):
    """The c-format msgid and the matcher's pattern (kinds kept: %s any text, %L a
    quoted literal or NULL; %% a percent sign)."""
    out, pat, i, n = [], [], 0, 0
    while i < len(text):
        c = text[i]
        if c != "%":
            out.append(c)
            pat.append(c)
            i += 1
            continue
        if kind == "raise":
            if text[i + 1:i + 2] == "%":
                out.append("%%")
                pat.append("%%")
                i += 2
            else:
                out.append("%s")
                pat.append("%s")
                i += 1
            continue
        m = re.match(r"%(\d+\$)?(-?\d*)([sIL%])", text[i:])
        if not m:
            raise SystemExit(f"refusals.py: cannot read the format {text!r}")
        if m.group(3) == "%":
            out.append("%%")
            pat.append("%%")
        else:
            out.append("%s")
            pat.append("%L" if m.group(3) == "L" else "%s")
        i += len(m.group(0))
    return "".join(out), "".join(pat)


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def write(path, patterns, by_hand, ctx, what):
    entries = {}
    for kind, text in patterns:
        if not re.search("[A-Za-z]{2}", text):
            continue
        mid, pat = msgid(kind, text)
        entries[pat] = mid
    for w in by_hand:
        entries.setdefault(w, w)
    with open(path, "w", encoding="utf-8") as f:
        f.write("/* Generated by tools/refusals.py from the migrated database's functions: every\n"
                " * %s, as { pattern, msgid }.  Do not edit; regenerate\n"
                " * (tests/shell/refusal_catalog.t fails when it is stale). */\n" % what)
        for pat in sorted(entries):
            f.write("/* xgettext:c-format */\n")
            f.write("{ %s, NC_(\"%s\", %s) },\n" % (c_string(pat), ctx, c_string(entries[pat])))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "db/refusal_texts.inc"
    def query(sql):
        out = subprocess.run(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-F", "\x1f", "-R", "\x1e",
                              "-c", sql], capture_output=True, text=True, check=True).stdout
        return [r.split("\x1f") for r in out.split("\x1e") if r.strip()]

    helpers = {}
    for name, args in query(HELPERS_SQL):
        if name not in NOT_HELPERS:
            helpers[name] = tuple(k for k, a in enumerate(args.split(",")) if a in HELPER_PARAMS)
    patterns = set()
    for (src,) in query(SQL):
        scan(src, patterns, helpers)
    write(out, patterns, BY_HAND, "refusal", "text a refusal can carry")
    summary_helpers = {}  # name -> {number of arguments: the summary's index}: overloads
    for name, args in query(SUMMARY_HELPERS_SQL):
        names = args.strip().split(",")
        summary_helpers.setdefault(name, {})[len(names)] = next(k for k, a in enumerate(names) if a in SUMMARY_PARAMS)
    sentences = set()
    for name, src in query(SENTENCES_SQL):
        if name in SENTENCES:
            sentence_scan(src, sentences, SENTENCES[name])
        summary_scan(src, sentences, summary_helpers)
    write(os.path.join(os.path.dirname(out), "sentence_texts.inc"), sentences, SENTENCES_BY_HAND, "db",
          "sentence for screens the functions SENTENCES names write")

if __name__ == "__main__":
    main()
