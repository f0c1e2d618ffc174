#!/bin/bash
# The database's own refusals at 80x24 in Turkish and in Hungarian (issue 16): the
# api raises English, the console finds the format it was made from
# (db/refusal_texts.inc) and shows it in the staff member's language, the
# arguments put back in the order the language wants them and an argument that is
# itself a phrase of the catalog ("cancelling it") translated too.  English
# consoles keep the English text (conflict.t, cancel.t check it word for word).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
export LC_ALL=C.UTF-8
plan 8

need_locales tr_TR.UTF-8 hu_HU.UTF-8

newdb e2e_refusals_translated; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
# Paid orders not shipped yet: two for each language.
mapfile -t orders < <(q "SELECT o.number FROM backdesk.orders o WHERE o.status = 'paid'
    AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id) ORDER BY o.id LIMIT 4")
[ "${#orders[@]}" -eq 4 ] || { echo "Bail out! the demo has fewer than 4 paid orders to ship"; exit 1; }

declare -A T
in_language() {
	local loc=$1 n=$2 shipped=$3 stale=$4
	e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "${T[connected]}\$" >/dev/null && wait_for " \(agent\) " >/dev/null

	# The order ships while the agent fills in its cancellation: the database
	# refuses by the order's state (need_action), the action named in the language.
	keys /
	typetext "$shipped"
	keys Enter
	wait_idle && keys Enter
	wait_for "${T[order]} $shipped" >/dev/null
	keys x
	wait_idle
	typetext "Müşteri vazgeçti"
	wait_idle
	q "INSERT INTO backdesk.shipments (order_id, carrier, tracking_no)
	   SELECT id, 'yurtici', 'RT$n$$' FROM backdesk.orders WHERE number = '$shipped'"
	keys F2
	wait_idle && keys y
	ok 'wait_for "${T[shipped]//@/$shipped}"' "$loc: an order shipped meanwhile: the database's refusal, translated"
	like "$(screen | tr "\n" " ")" "${T[shipped_hint]}" "$loc: its hint too (the message wraps)"
	keys Escape Escape
	wait_idle

	# A colleague changed the order while the agent typed a new address: the
	# version check's refusal, its arguments in the language's order.
	keys /
	typetext "$stale"
	keys Enter
	wait_idle && keys Enter
	wait_for "${T[order]} $stale" >/dev/null
	keys a
	wait_idle
	typetext "Yeni Sokak 5"
	keys Tab Tab
	typetext "Eskişehir"
	keys Tab Tab
	typetext "TR"
	wait_idle
	q "SELECT backdesk.bump_order(id) FROM backdesk.orders WHERE number = '$stale'" >/dev/null
	keys F2
	ok 'wait_for "${T[stale]//@/$stale}"' "$loc: a stale version: who changed it and when, in the language"
	like "$(screen)" "${T[kept]}" "$loc: beside the console's own words"
	# The typed address is a draft: quitting asks first, y leaves it.
	keys q
	wait_idle && keys y
	e2e_exited 5 >/dev/null
}

T=(
	[connected]='bağlı'
	[order]='Sipariş'
	[shipped]='@ siparişi zaten kargoya verildi; iptali artık mümkün değil'
	[shipped_hint]='Kargoya verildikten sonra bir iade başlatın'
	[stale]='@ siparişini .+ değiştirdi \([0-9]{2}:[0-9]{2}\)'
	[kept]='metniniz saklandı'
)
in_language tr_TR.UTF-8 1 "${orders[0]}" "${orders[1]}"

T=(
	[connected]='kapcsolódva'
	[order]='Rendelés'
	[shipped]='a\(z\) @ rendelést már feladták; a lemondása már nem lehetséges'
	[shipped_hint]='Feladás után indítson visszárut'
	[stale]='a\(z\) @ rendelést .+ módosította \([0-9]{2}:[0-9]{2}\)'
	[kept]='a szövege megmaradt'
)
in_language hu_HU.UTF-8 2 "${orders[2]}" "${orders[3]}"
