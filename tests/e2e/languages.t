#!/bin/bash
# The console in Turkish and in Hungarian at 80x24 (issue 16), as LANG says: the
# tabs, the F-key bar, the column headers, the strip, the help screen, the lookup
# box, a refusal and `backdesk --help` are translated, and nothing is cut (every
# label whole, no "…" where English has none) or misaligned (a header stands over
# its column).  The catalogs are the build's own (build-san/locale).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
export LC_ALL=C.UTF-8 # ${#s} and ${s:i:n} count characters
plan 42

for loc in tr_TR.UTF-8 hu_HU.UTF-8; do
	if ! locale -a 2>/dev/null | grep -qix "${loc%.UTF-8}.utf8"; then
		echo "Bail out! the locale $loc is not installed: tools/locales.sh (make deps) makes it"
		exit 1
	fi
done

newdb e2e_languages; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
newest=$(psql -XAt -d "$db" -c "SELECT number FROM backdesk.orders ORDER BY placed_at DESC, id DESC LIMIT 1")

line() { screen | sed -n "${1}p"; }
# The text under header word $2 of line $1, as wide as $3, on line $4.
under() {
	local h r pre
	h=$(line "$1")
	pre=${h%%"$2"*}
	r=$(line "$4")
	REPLY=${r:${#pre}:$3}
}

# One language: its words in the order the checks use them.
declare -A T
console_in() {
	local loc=$1
	e2e_start 80x24 PGDATABASE="$db" LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	# (A sixth tab, the dashboard, may follow; its name must leave the title room.)
	ok 'wait_for "^ 1 ${T[tabs]}(   6 [^ ]+)? +${T[orders]}$"' "$loc: the tabs are translated, every name whole"
	like "$(line 2)" "${T[orders_header]}" "$loc: the orders' column headers, whole"
	under 2 "${T[status]}" 9 3
	like "$REPLY" "^(${T[order_states]}) *$" "$loc: the status column is translated and under its header"
	like "$(line 22)" "${T[connected]}\$" "$loc: the status line says connected"
	like "$(line 24)" "${T[orders_bar]}" "$loc: the F-key bar, every label whole, on one line"

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
	wait_for "${T[connected]}\$" >/dev/null
	keys Enter
	ok 'wait_for "^ 1 ${T[tabs4]} +${T[order]} $newest$"' "$loc: an order: its title beside every tab name whole"
	like "$(line 24)" "${T[order_bar]}" "$loc: the order's F-key bar"
	keys q
	e2e_exited 5 >/dev/null

	# A supervisor may not cancel: the refusal names the key in the language.
	e2e_start 80x24 PGDATABASE="$db" PGUSER=zsofia LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "${T[connected]}\$" >/dev/null
	keys Enter
	wait_for "${T[order]} $newest" >/dev/null
	keys x
	ok 'wait_for "${T[refusal]}"' "$loc: a refusal, translated"
	keys q
	e2e_exited 5 >/dev/null

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
}

T=(
	[tabs]='Siparişler   2 Talepler   3 İadeler   4 Kargo   5 Okutma'
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
)
console_in hu_HU.UTF-8
