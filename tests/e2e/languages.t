#!/bin/bash
# The console in Turkish and in Hungarian at 80x24 (issue 16), as LANG says: the
# tabs, the F-key bar, the column headers, the strip, the help screen, the lookup
# box, a refusal, the supervisor dashboard, its drill-down list, the export dialog,
# the outbox (:outbox, a message, m), a reply's preview (V), a message's
# attachments and `backdesk --help`, `export`, `queue`, `notify` and `mail` are
# translated, and nothing is cut
# (every label whole, no "…" where English has none) or misaligned (a header
# stands over its column).  The catalogs are the build's own (build-san/locale).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
export LC_ALL=C.UTF-8 # ${#s} and ${s:i:n} count characters
shopt -s extglob
plan 128

need_locales tr_TR.UTF-8 hu_HU.UTF-8

newdb e2e_languages; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
home=$BACKDESK_TEST_TMP/languages-home
mkdir -p "$home"
newest=$(psql -XAt -d "$db" -c "SELECT number FROM backdesk.orders ORDER BY placed_at DESC, id DESC LIMIT 1")
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
# The outbox: the demo's refund notices wait; one of them is parked (again for
# each language: m queues it).
parked=$(q "SELECT id FROM backdesk.outbox WHERE kind = 'refund_issued' AND state = 'queued' ORDER BY id LIMIT 1")
[ -n "$parked" ] || { echo "Bail out! the demo queued no refund notice"; exit 1; }
ini=$BACKDESK_TEST_TMP/languages_mail.ini
printf '[mail]\ntemplates = %s/templates\n' "$BACKDESK_ROOT" >"$ini"

line() { screen | sed -n "${1}p"; }
# The text under header word $2 of line $1, as wide as $3, on line $4.
under() {
	local h r pre
	h=$(line "$1")
	pre=${h%%"$2"*}
	r=$(line "$4")
	REPLY=${r:${#pre}:$3}
}
# The $3 cells of line $4 that end where header word $2 of line $1 ends: the
# number under a right-aligned heading.
under_right() {
	local h r pre
	h=" $(line "$1")"
	pre=${h%%" $2"*}
	r=$(line "$4")
	REPLY=${r:$((${#pre} + ${#2} - $3)):$3}
}

# One language: its words in the order the checks use them.
declare -A T
console_in() {
	local loc=$1
	e2e_start 80x24 PGDATABASE="$db" LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	# (A sixth tab, the dashboard, may follow; its name must leave the title room.)
	# An admin's six tabs, the dashboard the sixth, leave the title room.
	ok 'wait_for "^ 1 ${T[tabs]}   6 ${T[dash]} +${T[orders]}$"' "$loc: the tabs are translated, every name whole"
	like "$(line 2)" "${T[orders_header]}" "$loc: the orders' column headers, whole"
	under 2 "${T[status]}" 9 3
	like "$REPLY" "^(${T[order_states]}) *$" "$loc: the status column is translated and under its header"
	like "$(line 22)" "${T[connected]}\$" "$loc: the status line says connected"
	like "$(line 24)" "${T[orders_bar]}" "$loc: the F-key bar, every label whole, on one line"
	keys 6
	ok 'wait_for "^ 1 ${T[tabs]}   6 ${T[dash]} +${T[dash]}$"' "$loc: an admin's dashboard: every tab name whole beside its title"

	keys 2
	ok 'wait_for "${T[strip]}"' "$loc: the tickets' strip, every view whole"
	like "$(line 3)" "${T[tickets_header]}" "$loc: the tickets' column headers, whole"
	like "$(line 24)" "${T[tickets_bar]}" "$loc: the tickets' F-key bar"

	keys '?'
	ok 'wait_for "${T[help_title]}" && wait_for "${T[help_line]}"' "$loc: the help screen, the view's keys translated"
	like "$(line 24)" "${T[help_bar]}" "$loc: the help's F-key bar"
	keys Escape
	wait_gone "${T[help_line]}" >/dev/null

	keys g
	ok 'wait_for "${T[lookup_title]}" && wait_for "${T[lookup_hint]}"' "$loc: the lookup box says what to type"
	typetext zzzz
	ok 'wait_for "${T[lookup_none]}"' "$loc: and that nothing was found"
	like "$(line 24)" "${T[lookup_bar]}" "$loc: the lookup's F-key bar"
	keys Escape

	keys Escape q
	e2e_exited 5 >/dev/null

	# An agent's four tabs beside an order's title, all whole.
	e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "${T[connected]}\$" >/dev/null && wait_for " \((agent|supervisor|admin|warehouse)\) " >/dev/null
	keys Enter
	ok 'wait_for "^ 1 ${T[tabs4]} +${T[order]} $newest$"' "$loc: an order: its title beside every tab name whole"
	like "$(line 24)" "${T[order_bar]}" "$loc: the order's F-key bar"
	keys q
	e2e_exited 5 >/dev/null

	# A supervisor may not cancel: the refusal names the key in the language.
	e2e_start 80x24 PGDATABASE="$db" PGUSER=zsofia LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "${T[connected]}\$" >/dev/null && wait_for " \((agent|supervisor|admin|warehouse)\) " >/dev/null
	keys Enter
	wait_for "${T[order]} $newest" >/dev/null
	keys x
	ok 'wait_for "${T[refusal]}"' "$loc: a refusal, translated"
	keys q
	e2e_exited 5 >/dev/null

	dashboard_in "$loc"
	outbox_in "$loc"

	local out
	out=$(LANG="$loc" LC_ALL= LANGUAGE= "$BACKDESK" --help)
	like "$out" "${T[usage]}" "$loc: backdesk --help is translated"
	ok '[ "$(wc -L <<<"$out")" -le 80 ]' "$loc: and fits 80 columns"
	out=$(LANG="$loc" LC_ALL= LANGUAGE= "$BACKDESK" --bogus 2>&1)
	like "$out" "${T[bad_option]}" "$loc: a wrong option is told in the language"

	# The language's letters do not change the program's ASCII words: in Turkish, "I"
	# lower-cases to "ı", so a config value compared without case (HIGH-CONTRAST)
	# would be refused if LC_CTYPE followed LANG (common/i18n.c).  Only the build
	# without sanitizers can fail this: ASan's strcasecmp folds ASCII by itself.
	printf '[ui]\ntheme = HIGH-CONTRAST\n' > "$BACKDESK_TEST_TMP/languages.ini"
	out=$(PGDATABASE=$db LANG="$loc" LC_ALL= LANGUAGE= "$BACKDESK" --config "$BACKDESK_TEST_TMP/languages.ini" \
		migrate --status 2>&1)
	like "$out" "${T[up_to_date]}" "$loc: backdesk migrate --status speaks the language"
	like "$(grep -c "${T[warning]}" <<<"$out")" '^0$' "$loc: and takes theme = HIGH-CONTRAST as English does"

	out=$(PGDATABASE=$db LANG="$loc" LC_ALL= LANGUAGE= "$BACKDESK" export bogus --csv 2>&1)
	like "$out" "${T[export_what]}" "$loc: backdesk export with a wrong list says so in the language"
	out=$(PGDATABASE=$db LANG="$loc" LC_ALL= LANGUAGE= "$BACKDESK" queue 2>&1)
	like "$out" "${T[queue_json]}" "$loc: and backdesk queue without --json"
	# Without [mail]: what to set, in the language.
	out=$(PGDATABASE=$db LANG="$loc" LC_ALL= LANGUAGE= "$BACKDESK" --config /dev/null notify --send 2>&1)
	like "$out" "${T[no_smtp]}" "$loc: backdesk notify --send without [mail] smtp_url says what to set"
	out=$(PGDATABASE=$db LANG="$loc" LC_ALL= LANGUAGE= "$BACKDESK" --config /dev/null mail --fetch 2>&1)
	like "$out" "${T[no_imap]}" "$loc: backdesk mail --fetch without [mail] imap_url says what to set"
}

# The outbox at 80x24 (an admin's :outbox): title, headings over their columns, a
# parked message's state, Enter's message and its labels, m; then an agent's
# preview of a reply (V) and a message's attachments.
outbox_in() {
	local loc=$1 ticket
	q "UPDATE backdesk.outbox SET state = 'failed', failed_at = now(), attempts = 8,
	          last_error = '550 mailbox unavailable' WHERE id = $parked"
	e2e_start 80x24 PGDATABASE="$db" BACKDESK_CONFIG="$ini" LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "${T[connected]}\$" >/dev/null && wait_for " \((agent|supervisor|admin|warehouse)\) " >/dev/null
	keys : ; typetext outbox; keys Enter
	ok 'wait_for "─ ${T[outbox_title]} ─"' "$loc: :outbox, its title"
	like "$(line 3)" "${T[outbox_header]}" "$loc: the outbox's column headings, whole"
	like "$(line 4)" "│${T[parked]} +refund_issued " "$loc: the parked message first, its state translated and whole"
	under_right 3 "${T[tries]}" 6 4
	like "$REPLY" '^ +8$' "$loc: its tries under their heading"
	like "$(line 24)" "${T[outbox_bar]}" "$loc: the outbox's F-key bar"
	keys Enter
	ok 'wait_for "─ ${T[message]} \(refund_issued\) ─"' "$loc: Enter shows the message, its title translated"
	ok 'wait_for "│ ${T[parked_at]} +[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} " &&
	    wait_for "│ ${T[last_error]} +550 mailbox unavailable "' "$loc: the message's labels whole"
	keys m
	ok 'wait_for "${T[resent]}"' "$loc: m queues it again, said in the language"
	keys Escape
	wait_gone "─ ${T[outbox_title]} ─" >/dev/null
	keys q
	e2e_exited 5 >/dev/null

	# Ayşe's reply to a customer of the language, previewed: the message of that
	# ticket carries three attachments.
	ticket=$(q "SELECT t.number FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id
	            WHERE c.locale LIKE '${T[cust_lang]}%' AND c.email IS NOT NULL AND t.status IN ('new', 'open')
	            ORDER BY t.id LIMIT 1")
	q "INSERT INTO backdesk.ticket_message_attachments (message_id, position, name, content_type, size)
	   SELECT m.id, a.position, a.name, a.content_type, a.size
	   FROM (SELECT min(id) AS id FROM backdesk.ticket_messages
	         WHERE ticket_id = (SELECT id FROM backdesk.tickets WHERE number = '$ticket')) m,
	        (VALUES (1, 'fatura.pdf', 'application/pdf', 184320), (2, 'foto.jpg', 'image/jpeg', 2411724),
	                (3, 'not.txt', 'text/plain', 512)) a (position, name, content_type, size)"
	e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse BACKDESK_CONFIG="$ini" LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "${T[connected]}\$" >/dev/null && wait_for " \((agent|supervisor|admin|warehouse)\) " >/dev/null
	keys g; typetext "$ticket"; keys Enter
	wait_for "${T[ticket]} $ticket\$" >/dev/null
	ok 'wait_for "^    ${T[attachments]}$"' "$loc: a message's attachments, named and sized in the language"
	keys V
	ok 'wait_for "${T[write_first]}"' "$loc: V without a reply says to write one first"
	keys r
	typetext "Test 123."
	keys Escape
	keys V
	ok 'wait_for "─ ${T[reply_title]}$ticket ─" && wait_for "│ ${T[to]} +[^ ]+@[^ ]+ +│" &&
	    wait_for "│ ${T[lang]} +${T[cust_lang]} +│" && wait_for "│ ${T[subject]} +.*$ticket" &&
	    wait_for "│ Test 123\. +│"' "$loc: V: the preview's title and lines, translated"
	like "$(line 24)" "${T[preview_bar]}" "$loc: the preview's F-key bar"
	keys F2
	ok 'wait_for "$ticket: ${T[reply_queued]}"' "$loc: and it sends from there"
	keys q
	e2e_exited 5 >/dev/null
}

# The supervisor dashboard at 80x24 (Zsófia's tab 5): every title, label, heading
# and key whole, each number under its heading; a drill-down list; the export
# dialog (F4) and :export.
dashboard_in() {
	local loc=$1 i w bad rows
	mkdir -p "$home/$loc"
	e2e_start 80x24 PGDATABASE="$db" PGUSER=zsofia HOME="$home/$loc" LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "${T[connected]}\$" >/dev/null && wait_for " \((agent|supervisor|admin|warehouse)\) " >/dev/null
	ok 'wait_for "^ 1 ${T[tabs4]}   5 ${T[dash]} +${T[orders]}$"' "$loc: a supervisor's five tabs, the dashboard's name whole"
	keys 5
	ok 'wait_for "^${T[grid_title]} +${T[queue]}$"' "$loc: the dashboard: the grid's and the queue's titles"
	like "$(line 1)" "^ 1 ${T[tabs4]}   5 ${T[dash]} +${T[dash]}$" "$loc: the tab row beside the dashboard's title"
	like "$(line 3)" "^ +${T[prio]} +${T[all]}   ${T[soon]} +[0-9]+$" "$loc: the grid's headings (priorities, all) and the first queue line"
	# Every number of the grid ends where its heading ends (5 columns, 5 rows).
	bad=
	for w in ${T[prio_words]} "${T[all]}"; do
		for i in 4 5 6 7 8; do
			under_right 3 "$w" 6 "$i"
			[[ $REPLY =~ ^\ *[0-9]+$ ]] || bad+=" $w/$i:'$REPLY'"
		done
	done
	is "$bad" "" "$loc: the grid's numbers stand under their headings"
	# The first cells of a line, without the spaces after ($3 characters, not bytes).
	rows=
	for i in 4 5 6 7 8; do
		REPLY=$(line "$i")
		REPLY=${REPLY:0:9}
		rows+="${REPLY%%+( )}|"
	done
	is "$rows" "${T[statuses]}|" "$loc: the grid's rows: the four statuses and all, whole"
	ok '[[ "$(line 4)" =~ \ ${T[breached]}\ +[0-9]+$ && "$(line 5)" =~ \ ${T[unassigned]}\ +[0-9]+$ &&
	      "$(line 6)" =~ \ ${T[waiting]}\ +[0-9]+$ ]]' "$loc: the queue's labels whole, their numbers at the right"
	ok '[[ "$(line 7)" =~ \ (${T[oldest]}\ .*\ T-[0-9]+|${T[nobody]})$ ]]' "$loc: the oldest waiting ticket, its age and number"
	like "$(line 9)" "^${T[ops]} +${T[refunds_today]}$" "$loc: operations' and refunds' titles"
	rows=
	for i in 10 11 12 13; do
		REPLY=$(line "$i")
		[[ ${REPLY:0:44} =~ ^(.*[^ ])\ +[0-9]+$ ]] && rows+="${BASH_REMATCH[1]}|"
	done
	is "$rows" "${T[ops_lines]}|" "$loc: operations: four labels whole, each with its number"
	like "$(line 14)" "^${T[per_hour]} +[▁▂▃▄▅▆▇█]{24} ${T[hour_note]}$" "$loc: tickets per hour: label, sparkline, what it says"
	like "$(line 15)" "^${T[satisfaction]} " "$loc: satisfaction's line"
	like "$(line 16)" "^${T[agents]} +${T[open]} +${T[today]} +${T[frt]} +${T[csat]}$" "$loc: the agents' headings, whole"
	bad=
	for i in 17 18 19; do
		under_right 16 "${T[open]}" 6 "$i"; [[ $REPLY =~ ^\ *[0-9]+$ ]] || bad+=" open/$i:'$REPLY'"
		under_right 16 "${T[today]}" 6 "$i"; [[ $REPLY =~ ^\ *[0-9]+$ ]] || bad+=" today/$i:'$REPLY'"
		under_right 16 "${T[frt]}" 9 "$i"; [[ $REPLY =~ ^\ *(${T[minutes]}|-)$ ]] || bad+=" frt/$i:'$REPLY'"
		under_right 16 "${T[csat]}" 10 "$i"; [[ $REPLY =~ ^\ *([0-9]\.[0-9]\ \([0-9]+\)|-)$ ]] || bad+=" csat/$i:'$REPLY'"
	done
	is "$bad" "" "$loc: the agents' numbers stand under their headings"
	# Nothing cut but a ticket's subject (the line under the oldest waiting).
	is "$(screen | sed 8d | grep -c '…')" "0" "$loc: nothing on the dashboard is cut"
	like "$(line 24)" "${T[dash_bar]}" "$loc: the dashboard's F-key bar"

	# Breached (the 27th number): its rows, their statuses under the heading.
	keys Home
	for ((i = 0; i < 26; i++)); do keys Tab; done
	keys Enter
	ok 'wait_for "${T[breached]}: [0-9]+$"' "$loc: Enter lists the rows behind a number, the title says which"
	like "$(line 2)" "${T[list_header]}" "$loc: the list's headings, whole"
	under 2 "${T[status]}" 10 3
	like "$REPLY" "^(${T[ticket_states]}) *$" "$loc: a row's status, translated, under its heading"
	keys Escape
	wait_for "^${T[grid_title]} " >/dev/null

	keys F4
	ok 'wait_for "─ ${T[export_title]} ─"' "$loc: F4: the export dialog"
	ok 'wait_for "│ +${T[list_label]} ◀ ${T[tickets]} ▶" && wait_for "│ +${T[since]} " &&
	    wait_for "│ +${T[until]} " && wait_for "│ +${T[file]} ~/backdesk-tickets-"' "$loc: its fields' labels and the list, whole"
	like "$(line 24)" "${T[export_bar]}" "$loc: the export dialog's F-key bar"
	keys F2
	ok 'wait_for "^${T[exported]}"' "$loc: F2 exports; the message says so"
	ok '[ -s "$(echo "$home/$loc"/backdesk-tickets-*.csv)" ]' "$loc: and the file is written"
	keys :
	typetext "export bogus"
	keys Enter
	ok 'wait_for "${T[export_usage]}"' "$loc: :export with a wrong list: its usage, translated"
	keys q
	e2e_exited 5 >/dev/null
}

T=(
	[tabs]='Siparişler   2 Talepler   3 İadeler   4 Kargo   5 Okut'
	[tabs4]='Siparişler   2 Talepler   3 İadeler   4 Kargo'
	[orders]='Siparişler'
	[orders_header]='^Sipariş +Tarih +Müşteri +Durum +Toplam Son kargo$'
	[status]='Durum'
	[order_states]='ödendi|ödenmedi|paketli|kargoda|ulaştı|iptal'
	[connected]='bağlı'
	[orders_bar]='^F1Yardım +F2Mesajlar +F3Bul +F4Filtre +F5Yenile +F6Sırala +F7Geciken +F10Çıkış *$'
	[strip]='^ Benim [0-9]+  Atanmamış [0-9]+  Yanıtsız [0-9]+  Açık [0-9]+  Bekleyen [0-9]+  Yaklaşan [0-9]+  Gecikmiş [0-9]+'
	[tickets_header]='^Talep +Öncelik +Durum +Müşteri +Konu +Kanal +Atanan +Son tarih$'
	[tickets_bar]='^F1Yardım +F2Mesajlar +F3Bul +F4Filtre +F5Yenile +F7Sıradaki +F8Görünüm +F10Çıkış *$'
	[help_title]='Tuşlar'
	[help_line]='Seçili talebi aç'
	[help_bar]='^F1Kapat +F10Kapat *$'
	[lookup_title]='Hızlı arama'
	[lookup_hint]='Bir ad, telefon numarası, e-posta adresi,'
	[lookup_none]='“zzzz” için bir şey bulunamadı'
	[lookup_bar]='^F1Yardım +F5Yinele +F10Geri *$'
	[order]='Sipariş'
	[order_bar]='F7Yanıtlar +F8İptal et +F9Ara +F10Çıkış *$'
	[refusal]='rolünüz için izin verilmiyor: İptal et'
	[usage]='^Kullanım: backdesk'
	[bad_option]="bilinmeyen seçenek '--bogus'"
	[up_to_date]='güncel'
	[warning]='uyarı'
	[dash]='Pano'
	[grid_title]='Duruma ve önceliğe göre açık talepler'
	[queue]='Kuyruk'
	[prio]='acil +yüksek +normal +düşük'
	[prio_words]='acil yüksek normal düşük'
	[all]='Toplam'
	[statuses]='yeni|açık|bekliyor|askıda|Toplam'
	[soon]='Bir saat içinde gecikecek'
	[breached]='Gecikmiş'
	[unassigned]='Atanmamış'
	[waiting]='İlk yanıtı bekleyen'
	[oldest]='En eskisi,'
	[nobody]='İlk yanıt bekleyen kimse yok\.'
	[ops]='Siparişler, gönderiler, iadeler'
	[refunds_today]='Bugünkü para iadeleri'
	[ops_lines]='Kargoya geciken siparişler|Sorunlu gönderiler|Hareketsiz gönderiler|İncelenecek iadeler'
	[per_hour]='Talep/saat'
	[hour_note]='24 saat [0-9]+, zirve [0-9]+'
	[satisfaction]='Memnuniyet'
	[agents]='Temsilciler'
	[open]='Açık'
	[today]='Bugün'
	[frt]='İlk yanıt'
	[csat]='Memnuniyet'
	[minutes]='[0-9]+dk|[0-9]+sa [0-9]{2}dk|[0-9]+g [0-9]+sa'
	[dash_bar]='^F1Yardım +F2Mesajlar +F4Dışa aktar +F5Yenile +F10Çıkış *$'
	[list_header]='^Zaman +Numara +Durum +Kim +Ne$'
	[ticket_states]='yeni|açık|bekliyor|askıda'
	[export_title]="CSV'ye aktar"
	[list_label]='Liste'
	[tickets]='talepler'
	[since]='Başlangıç \(gün\)'
	[until]='Bitiş \(gün\)'
	[file]='Dosya'
	[export_bar]='^F2Dışa aktar +F10Geri *$'
	[exported]='[0-9.,]+ satır \(talepler\)'
	[export_usage]='kullanım: :export \[tickets\|orders\|returns\|refunds\|shipments \[BAŞLANGIÇ'
	[export_what]="export tickets, orders, returns, refunds ya da shipments ister, 'bogus' değil"
	[queue_json]='queue --json ister'
	[no_smtp]='\[mail\] smtp_url ayarlanmamış; e-posta sunucusunu smtps://mail\.shop\.example:465 gibi yazın'
	[no_imap]='e-posta alma ayarlanmamış: \[mail\] içinde imap_url, imap_user ve imap_password_file ayarlayın'
	[outbox_title]='Giden kutusu: [0-9]+ bekleyen, 1 takılan'
	[outbox_header]='│Durum +Tür +Alıcı +Kez Son hata ya da konu +│'
	[parked]='takıldı'
	[tries]='Kez'
	[outbox_bar]='^Enter Göster Esc Geri F1Yardım +F3Bul +F4Filtre *$'
	[message]="İleti $parked"
	[parked_at]='Takılma zamanı'
	[last_error]='Son hata'
	[resent]='yeniden kuyruğa alındı: gönderici bir sonraki turunda alacak'
	[cust_lang]='tr'
	[ticket]='Talep'
	[attachments]='Ekler: fatura\.pdf \(180 KB\) · foto\.jpg \(2,3 MB\) · not\.txt \(512 bayt\)'
	[write_first]='önce yanıtı yazın \(r\); V onu müşterinin alacağı gibi gösterir'
	[to]='Alıcı'
	[lang]='Dil'
	[subject]='Konu'
	[reply_title]='Gidecek yanıt: '
	[preview_bar]='^Esc Geri +F2Gönder *$'
	[reply_queued]='yanıt müşteriye gönderilmek üzere kuyruğa alındı'
)
console_in tr_TR.UTF-8

T=(
	[tabs]='Rendelés   2 Jegy   3 Retúr   4 Csomag   5 Beolvasás'
	[tabs4]='Rendelés   2 Jegy   3 Retúr   4 Csomag'
	[orders]='Rendelés'
	[orders_header]='^Rendelés +Leadva +Ügyfél +Állapot +Összesen Feladásig$'
	[status]='Állapot'
	[order_states]='fizetve|fizetendő|csomagolt|feladva|átadva|törölve'
	[connected]='kapcsolódva'
	[orders_bar]='^F1Súgó +F2Üzenetek +F3Keres +F4Szűrő +F5Frissít +F6Rendez +F7Késők +F10Kilép *$'
	[strip]='^ Saját [0-9]+  Gazdátlan [0-9]+  Nincs válasz [0-9]+  Nyitva [0-9]+  Várakozó [0-9]+  Lejár [0-9]+  Lejárt [0-9]+'
	[tickets_header]='^Jegy +Fokozat +Állapot +Ügyfél +Tárgy +Forrás +Felelős +Határidő$'
	[tickets_bar]='^F1Súgó +F2Üzenetek +F3Keres +F4Szűrő +F5Frissít +F7Következő +F8Nézetek +F10Kilép *$'
	[help_title]='Billentyűk'
	[help_line]='A kiválasztott jegy megnyitása'
	[help_bar]='^F1Bezár +F10Bezár *$'
	[lookup_title]='Gyorskeresés'
	[lookup_hint]='Írjon be egy nevet, telefonszámot, e-mail-címet,'
	[lookup_none]='nincs találat erre: „zzzz”'
	[lookup_bar]='^F1Súgó +F5Újra +F10Vissza *$'
	[order]='Rendelés'
	[order_bar]='F7Válaszok +F8Lemondás +F9Hívás +F10Kilép *$'
	[refusal]='a szerepköre ezt nem engedi: Lemondás'
	[usage]='^Használat: backdesk'
	[bad_option]="ismeretlen kapcsoló: '--bogus'"
	[up_to_date]='naprakész'
	[warning]='figyelmeztetés'
	[dash]='Összkép'
	[grid_title]='Nyitott jegyek állapot és fokozat szerint'
	[queue]='Várólista'
	[prio]='sürgős +magas +normál +alacs\.'
	[prio_words]='sürgős magas normál alacs.'
	[all]='Összes'
	[statuses]='új|nyitott|függőben|szünetel|Összes'
	[soon]='Egy órán belül lejár'
	[breached]='Lejárt'
	[unassigned]='Gazdátlan'
	[waiting]='Első válaszra vár'
	[oldest]='Legrégebbi:'
	[nobody]='Senki sem vár első válaszra\.'
	[ops]='Rendelések, csomagok, retúrok'
	[refunds_today]='Mai visszatérítések'
	[ops_lines]='Feladással késő rendelések|Problémás csomagok|Nem mozduló csomagok|Átvizsgálandó retúrok'
	[per_hour]='Jegy/óra'
	[hour_note]='24 óra [0-9]+, csúcs [0-9]+'
	[satisfaction]='Elégedettség'
	[agents]='Ügyintézők'
	[open]='Nyitva'
	[today]='Ma'
	[frt]='Válaszidő'
	[csat]='Értékelés'
	[minutes]='[0-9]+p|[0-9]+ó [0-9]{2}p|[0-9]+n [0-9]+ó'
	[dash_bar]='^F1Súgó +F2Üzenetek +F4Exportálás +F5Frissít +F10Kilép *$'
	[list_header]='^Mikor +Szám +Állapot +Ki +Mi$'
	[ticket_states]='új|nyitott|függőben|szünetel'
	[export_title]='Exportálás CSV-be'
	[list_label]='Lista'
	[tickets]='jegyek'
	[since]='Ettől \(nap\)'
	[until]='Eddig \(nap\)'
	[file]='Fájl'
	[export_bar]='^F2Exportálás +F10Vissza *$'
	[exported]='[0-9., ]+ sor \(jegyek\) exportálva ide:'
	[export_usage]='használat: :export \[tickets\|orders\|returns\|refunds\|shipments \[ETTŐL'
	[export_what]="az export ezek egyikét várja: tickets, orders, returns, refunds, shipments; nem ezt: 'bogus'"
	[queue_json]='a queue a --json kapcsolót várja'
	[no_smtp]='a \[mail\] smtp_url nincs beállítva; adja meg a levelezőszervert, például smtps://mail\.shop\.example:465'
	[no_imap]='a levelek letöltése nincs beállítva: adja meg a \[mail\] részben az imap_url, imap_user és imap_password_file értékét'
	[outbox_title]='Kimenő levelek: [0-9]+ várakozó, 1 elakadt'
	[outbox_header]='│Állapot Fajta +Címzett +Próba Utolsó hiba vagy tárgy +│'
	[parked]='elakadt'
	[tries]='Próba'
	[outbox_bar]='^Enter Mutat Esc Vissza F1Súgó +F3Keres F4Szűrő *$'
	[message]="$parked\\. levél"
	[parked_at]='Elakadás ideje'
	[last_error]='Utolsó hiba'
	[resent]='újra sorban: a küldő a következő körben viszi'
	[cust_lang]='hu'
	[ticket]='Jegy'
	[attachments]='Mellékletek: fatura\.pdf \(180 KB\) · foto\.jpg \(2,3 MB\) · not\.txt \(512 bájt\)'
	[write_first]='előbb írja meg a választ \(r\); utána a V úgy mutatja, ahogy az ügyfél megkapja'
	[to]='Címzett'
	[lang]='Nyelv'
	[subject]='Tárgy'
	[reply_title]='A válasz, ahogy elmegy: '
	[preview_bar]='^Esc Vissza +F2Küldés *$'
	[reply_queued]='a válasz az ügyfélnek küldésre vár a sorban'
)
console_in hu_HU.UTF-8
