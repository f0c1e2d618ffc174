#!/bin/bash
# At 80x24 a notice is shown as the customer will get it before it is queued
# (issue 16): the order screen's m (the tracking e-mail again) and the parcel
# screen's d (the delay notice) show the message in the customer's language,
# rendered from the template files ([mail] templates overriding the installed
# ones) through the sender's code, with Send (F2 or y) and Back (Esc): Back queues nothing, Send
# queues it; a text longer than the screen scrolls.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 16

newdb e2e_notice_preview; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
tmp=$BACKDESK_TEST_TMP/notice_preview.$$
at_exit "rm -rf '$tmp'"
mkdir -p "$tmp"
# The shop's own wording of the Turkish tracking e-mail; the other files as installed.
cp -r "$BACKDESK_ROOT/templates" "$tmp/tpl"
sed -i '1s/.*/Subject: Paketiniz yolda: {order_number}/' "$tmp/tpl/tr/tracking.txt"
printf '[mail]\ntemplates = %s/tpl\n' "$tmp" >"$tmp/backdesk.ini"

# A shipped order of a Turkish customer with a parcel; a late parcel of a
# Hungarian customer with a proposed delay notice (gift code 25.00).
read -r order email <<<"$(q "SELECT o.number, c.email FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
    WHERE o.status = 'shipped' AND c.email IS NOT NULL ORDER BY o.id LIMIT 1" | tr '|' ' ')"
q "UPDATE backdesk.customers SET locale = 'tr' WHERE email = '$email'"
q "INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at)
   SELECT id, 'yurtici', 'NP-YT-1', 'IN_TRANSIT', now() - interval '1 day' FROM backdesk.orders WHERE number = '$order'"
read -r late lemail <<<"$(q "SELECT o.number, c.email FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
    WHERE o.status = 'shipped' AND o.currency = 'TRY' AND c.email IS NOT NULL AND o.number <> '$order'
      AND o.customer_id <> (SELECT customer_id FROM backdesk.orders WHERE number = '$order')
      AND o.deliver_to < backdesk.shop_date(now()) ORDER BY o.id LIMIT 1" | tr '|' ' ')"
q "UPDATE backdesk.customers SET locale = 'hu' WHERE email = '$lemail'"
q "WITH s AS (INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, promised_to)
             SELECT id, 'dhl', 'NP00000001', 'IN_TRANSIT', now() - interval '5 days', deliver_to
             FROM backdesk.orders WHERE number = '$late' RETURNING id)
   INSERT INTO backdesk.delay_notices (shipment_id, how, amount, currency) SELECT id, 'gift_code', 25.00, 'TRY' FROM s"
outbox() { q "SELECT count(*) FROM backdesk.outbox"; }
notice() { q "SELECT n.status FROM backdesk.delay_notices n JOIN backdesk.shipments s ON s.id = n.shipment_id WHERE s.tracking_no = 'NP00000001'"; }

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse BACKDESK_CONFIG="$tmp/backdesk.ini" -- "$BACKDESK"
ok 'wait_for "Ayşe Yılmaz \(agent\)"' "the console is up"

# m: the tracking e-mail, as the Turkish customer will get it, in the shop's words.
open_order "$order" >/dev/null
keys m
wait_for "Send again" >/dev/null
before=$(outbox)
keys F2
ok 'wait_for "The message as it will go: $order" && wait_for "E-mail the tracking details of $order to" && wait_for "To +$email" && wait_for "Language +tr"' \
	"F2 says what goes to whom, in which language"
ok 'wait_for "Subject +Paketiniz yolda: $order"' "the subject is the shop's own file's"
ok 'wait_for "kargoya verildi\. Kargo takip bilgileri:" && wait_for "Yurtiçi Kargo: NP-YT-1"' \
	"the text is the Turkish file's, with the parcel filled in"
keys End Down Down Down Down Down Down Down Down
ok 'wait_for "Bizi tercih ettiğiniz için teşekkür ederiz\." && wait_for "F2 ?Send" && wait_for "Esc ?Back"' \
	"a text longer than 24 rows scrolls to its end; the bar says F2 Send, Esc Back"
keys Escape
wait_gone "The message as it will go" >/dev/null
is "$(outbox)" "$before" "Back queues nothing"
keys F2
wait_for "The message as it will go" >/dev/null
keys F2
ok 'wait_for "$order: message queued for sending"' "F2 sends it"
is "$(q "SELECT kind || ' ' || lang || ' ' || (vars ->> 'order_number') FROM backdesk.outbox ORDER BY id DESC LIMIT 1")" \
	"tracking tr $order" "one tracking e-mail in Turkish, with the values shown"
keys Escape

# d on the parcel: the delay notice as the Hungarian customer will get it.
keys g
typetext "NP00000001"
wait_for "parcel +NP00000001" >/dev/null
keys Enter
wait_for "Parcel NP00000001" >/dev/null
keys d
wait_for "send it to the customer" >/dev/null
before=$(outbox)
keys F2
ok 'wait_for "Send the delay notice of NP00000001 with gift code 25.00 TRY" && wait_for "To +$lemail" && wait_for "Language +hu"' \
	"F2 says what the customer gets, to whom, in which language"
ok 'wait_for "Subject +A\(z\) $late számú rendelése késik" && wait_for "Csomag: DHL NP00000001"' \
	"the Hungarian file's subject and text, the parcel filled in"
ok 'wait_for "Elnézésként egy 25,00 TRY értékű ajándékkód" && wait_for "Köszönjük a türelmét!"' \
	"the compensation in Hungarian; all of it fits at 80x24"
keys Escape
wait_gone "The message as it will go" >/dev/null
is "$(outbox) $(notice)" "$before proposed" "Back sends nothing: the notice is still proposed"
keys F2
wait_for "The message as it will go" >/dev/null
keys y
ok 'wait_for "NP00000001: delay notice sent to the customer"' "y sends it"
is "$(notice) $(q "SELECT kind || ' ' || lang FROM backdesk.outbox ORDER BY id DESC LIMIT 1")" "sent delay hu" \
	"the notice is sent, a delay e-mail in Hungarian queued"
keys q

# In Hungarian at 80x24: the preview's frame in the agent's language, the message
# in the customer's (Turkish), nothing cut.
locale -a 2>/dev/null | grep -qix "hu_HU.utf8" \
	|| { echo "Bail out! the locale hu_HU.UTF-8 is not installed: tools/locales.sh (make deps) makes it"; exit 1; }
e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse BACKDESK_CONFIG="$tmp/backdesk.ini" LANG=hu_HU.UTF-8 LC_ALL= LANGUAGE= -- "$BACKDESK"
wait_for "Ayşe Yılmaz" >/dev/null
open_order "$order" >/dev/null
keys m
wait_for "Újraküldés" >/dev/null
keys F2
ok 'wait_for "─ Az üzenet, ahogy elmegy: $order ─" && wait_for "│ Nyelv +tr +│" && wait_for "│ Tárgy +Paketiniz yolda: $order +│"' \
	"hu_HU: the preview's title and labels in Hungarian, the subject the Turkish file's, whole"
ok 'wait_for "Vissza" && wait_for "│ Merhaba Şükrü Öztürk, +│"' "hu_HU: Back in Hungarian, the text in Turkish, inside the frame"
keys Escape Escape q
