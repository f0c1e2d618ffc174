#!/bin/bash
# What mail/mime_out.c writes, read back by python3's email parser (a reader that
# is not ours): the encoded-words of a long Turkish or Hungarian subject and a
# sender's name decode to the text, the body decodes to the text, every line is at
# most 78 characters and ends CRLF, and the threading headers are there.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 8

tool=$BACKDESK_BUILD/tests/tools/mime_print
check() { # FROM SUBJECT BODY -> "ok" or what differs
	"$tool" "$1" "kisi@example.com" "$2" "$3" | python3 -c '
import sys, email, email.policy
raw = sys.stdin.buffer.read()
want_from, want_subject, want_body = sys.argv[1:4]
bad = [l for l in raw.split(b"\r\n") if len(l) > 78]
if bad: print("long line:", bad[0]); sys.exit()
if b"\n" in raw.replace(b"\r\n", b""): print("bare LF"); sys.exit()
m = email.message_from_bytes(raw, policy=email.policy.default)
if str(m["Subject"]) != want_subject: print("subject:", repr(str(m["Subject"]))); sys.exit()
if m["From"].addresses[0].display_name != want_from.split(" <")[0].strip(chr(34)): print("from:", repr(str(m["From"]))); sys.exit()
if m.get_content_type() != "text/plain" or m.get_content_charset() != "utf-8": print("type"); sys.exit()
body = m.get_content().replace("\r\n", "\n")
if body != want_body.replace("\n", "\n") + ("" if want_body.endswith("\n") else "\n"): print("body:", repr(body)); sys.exit()
if m["In-Reply-To"] != "<bd.2.bb@shop.example>" or "<bd.1.aa@shop.example>" not in m["References"]: print("thread"); sys.exit()
if m["Message-ID"] != "<bd.3.cc@shop.example>": print("message-id"); sys.exit()
print("ok")' "$1" "$2" "$3"
}

is "$(check 'Mağaza Destek <destek@shop.example>' 'Destek talebiniz T-100234: Kargom nerede?' $'Merhaba,\nkargonuz yolda.')" ok \
	"a Turkish subject and sender's name decode back"
long_tr="Destek talebiniz T-100234: Şükrü Öztürk'ün İstanbul'daki siparişi hâlâ gelmedi, kargo firması ğüşiöçĞÜŞİÖÇ diyor ve biz çok üzgünüz"
is "$(check 'Destek <destek@shop.example>' "$long_tr" 'x')" ok "a long Turkish subject, folded over several encoded-words"
long_hu="Ügyfélszolgálati megkeresése (T-100234): Árvíztűrő tükörfúrógép — a csomag még mindig nem érkezett meg, kérjük segítsenek"
is "$(check 'Ügyfélszolgálat <ugyfel@shop.example>' "$long_hu" $'Kedves Éva!\n\nŐszintén sajnáljuk.')" ok \
	"a long Hungarian subject with ő and ű"
long_ascii="Your request T-100234: where is my parcel, it was promised for Monday and it is now Friday and nothing has come"
is "$(check 'Shop Support <support@shop.example>' "$long_ascii" 'Hello')" ok "a long ASCII subject, folded"
body=$'= sign, a dot line:\n.\nFrom here\ntrailing space \nlong: '"$(printf 'ü%.0s' $(seq 1 60))"
is "$(check 'S <s@shop.example>' 'Body' "$body")" ok "a body with =, a lone dot, From, trailing space and a long line of ü"
is "$(check 'S <s@shop.example>' '日本語のテキスト 🎉 emoji' 'x')" ok "four-byte characters are never split between words"
is "$(check '"Quoted, Name" <s@shop.example>' 'Q' 'x')" ok "a name with a comma is quoted"
"$tool" 'S <s@shop.example>' 'kisi@example.com' $'a\r\nBcc: x@evil.example' 'x' >/dev/null 2>&1
is "$?" 1 "a subject with a line break is refused, not sent"
