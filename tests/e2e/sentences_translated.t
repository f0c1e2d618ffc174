#!/bin/bash
# English sentences the database writes as data, not as refusals, at 80x24 in
# Turkish and Hungarian (issue 16; db/sentence.c): the answers' "not for this
# order" reasons (backdesk.answer_gaps), their dates in the locale's form, and the
# tickets' system messages (api.merge_ticket, api.close_solved_tickets), a refund's
# reason a return wrote (0038), a return line's reason code in words and the
# outbox's staff summaries (0045), amounts in the locale's marks.  English consoles
# keep the English text (answers.t, outbox.t check it word for word).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
export LC_ALL=C.UTF-8
plan 18

need_locales tr_TR.UTF-8 hu_HU.UTF-8

newdb e2e_sentences_translated; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }
# İsmail's SO-100302 is late to ship: its "will be shipped by" answers do not fit,
# the ship-by day being past.
ship_by=$(q -c "SELECT ship_by FROM backdesk.orders WHERE number = 'SO-100302'")
[ "$ship_by" \< "$(q -c "SELECT backdesk.shop_date(now())")" ] ||
	{ echo "Bail out! the demo's SO-100302 is not late to ship ($ship_by)"; exit 1; }
dmy() { sed -E 's/([0-9]{4})-([0-9]{2})-([0-9]{2})/\3-\2-\1/g' <<<"$1"; }

# T-100002 merged into T-100001 (one customer's), by an agent; then a resolved
# ticket closed by the nightly job, as the admin runs it.
q -U ayse -c "SELECT api.merge_ticket('T-100002', 'T-100001')" >/dev/null ||
	{ echo "Bail out! merge_ticket failed"; exit 1; }
solved=$(q -c "UPDATE backdesk.tickets SET status = 'solved', solved_at = now() - interval '30 days'
	WHERE id = (SELECT min(id) FROM backdesk.tickets WHERE status IN ('open', 'pending') AND number <> 'T-100001')
	RETURNING number" | head -n 1)
[ "$(q -U admin -c "SELECT api.close_solved_tickets()")" -ge 1 ] ||
	{ echo "Bail out! close_solved_tickets closed nothing"; exit 1; }
days=$(q -c "SELECT coalesce(backdesk.setting('ticket_autoclose_days'), '4')")

# The screen as one line, wrapped lines joined, runs of spaces one.
flat() { screen | sed 's/^ *//' | tr '\n' ' ' | tr -s ' '; }
page_to() {
	local i
	for i in 1 2 3 4 5 6 7 8; do
		wait_idle && flat | grep -Fq "$1" && return 0
		keys PageDown
	done
	dump_screen
	return 1
}
# Back to the start screen from wherever (Esc there does nothing).
home() {
	local i
	for i in 1 2 3 4 5; do
		keys Escape
		wait_idle
	done
}
open_ticket() {
	home
	keys g
	typetext "$1"
	wait_for "$1 .*·" >/dev/null
	keys Enter
	wait_idle
}

declare -A T
in_language() {
	local loc=$1
	e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "Ayşe Yılmaz" >/dev/null
	open_order SO-100302 >/dev/null
	keys w
	wait_for "SO-100302" >/dev/null
	ok 'page_to "${T[ship_by]}"' "$loc: the answers' reason, translated, its date in the locale's form"
	keys Escape Escape Escape
	wait_idle
	open_order SO-100234 >/dev/null
	keys w
	wait_for "SO-100234" >/dev/null
	ok 'page_to "${T[not_delivered]}"' "$loc: a parcel on its way: \"Arrived damaged\" does not fit, in words"
	keys Escape Escape Escape
	wait_idle
	open_ticket T-100001
	ok 'page_to "${T[merged]}"' "$loc: the merged ticket's system line on the survivor"
	keys Escape Escape
	wait_idle
	open_ticket T-100002
	ok 'page_to "${T[merged_into]}"' "$loc: and on the duplicate"
	keys Escape Escape
	wait_idle
	open_ticket "$solved"
	ok 'page_to "${T[closed]}"' "$loc: the automatic close's system line"
	ok '! flat | grep -Eq "was merged into|Closed automatically|has not been delivered|is past"' \
		"$loc: none of them left in English"
	# Şükrü's return of SO-100304 was refunded: the refund's reason (0038) and the
	# return line's reason code in words; the outbox's summary of the refund mail.
	home
	open_order SO-100304 >/dev/null
	ok 'page_to "${T[refund]}"' "$loc: the refund a return made says why in the language"
	home
	keys g
	typetext R-50002
	wait_for "R-50002 .*·" >/dev/null
	keys Enter
	ok 'page_to "${T[return_reason]}"' "$loc: the return line's reason by its code"
	home
	keys q
	e2e_exited 5 >/dev/null

	# The outbox (the supervisor's): the staff summaries of the queued refund mails
	# (0045; the list's order varies, every row on screen is one).
	e2e_start 80x24 PGDATABASE="$db" PGUSER=zsofia LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "Zsófia Nagy" >/dev/null
	keys : ; typetext "outbox"; keys Enter
	ok 'wait_for "${T[outbox]}"' "$loc: the outbox's summaries of the refund mails, the amount in the locale's marks"
	home
	keys q
	e2e_exited 5 >/dev/null
}

T=([ship_by]="son kargo tarihi ($(dmy "$ship_by")) geçti"
   [not_delivered]="Hasarlı teslimat (hasarlı): sipariş henüz teslim edilmedi"
   [merged]="T-100002 bu talebe birleştirildi ("
   [merged_into]="T-100001 talebine birleştirildi."
   [closed]="Sonuçlandıktan $days gün sonra otomatik olarak kapatıldı."
   [refund]="R-50002 iadesi" [return_reason]="yanlış ürün"
   [outbox]="BK-[0-9]+ siparişi için [0-9.]+,[0-9]")
in_language tr_TR.UTF-8

T=([ship_by]="a feladási határidő ($ship_by) elmúlt"
   [not_delivered]="a rendelést még nem kézbesítették"
   [merged]="A(z) T-100002 jegyet ebbe a jegybe vonták össze ("
   [merged_into]="Összevonva a(z) T-100001 jegybe."
   [closed]="A rendezése után $days nappal automatikusan lezárva."
   [refund]="a(z) R-50002 visszáru" [return_reason]="rossz termék"
   [outbox]="[0-9]+,[0-9]{2} (HUF|TRY) visszatérítés a\\(z\\)")
in_language hu_HU.UTF-8
