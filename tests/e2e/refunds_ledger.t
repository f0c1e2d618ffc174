#!/bin/bash
# The refunds ledger at 80x24 on the demo data: `:refunds DAY` lists the day's
# refunds as the database has them (time, order, amount, who) with the totals per
# currency; Enter opens the order, whose refunds part names who gave each; a day
# that is no day says what to type; the warehouse is told in words it is not for
# its role.  Then a gift code given from the customer 360 (C, pick the order): a
# wrong amount and both an amount and a percent are refused next to the field, the
# right one gives a code that the database has.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 31

newdb e2e_refunds_ledger; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

# The shop's day with the most currencies, then the most refunds: totals per currency.
day=$(q "SELECT backdesk.shop_date(created_at) FROM backdesk.refunds GROUP BY 1
         ORDER BY count(DISTINCT currency) DESC, count(*) DESC, 1 DESC LIMIT 1")
[ -n "$day" ] || { echo "Bail out! the demo has no refunds"; exit 1; }
# The day's refunds as the screen must show them, newest first.
of_day="FROM backdesk.refunds f JOIN backdesk.orders o ON o.id = f.order_id
        LEFT JOIN backdesk.staff s ON s.login = f.created_by
        WHERE backdesk.shop_date(f.created_at) = '$day'"
nrows=$(q "SELECT count(*) $of_day")
diag "day $day: $nrows refunds"

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys : ; typetext "refunds $day"; keys Enter
ok 'wait_for "Refunds of $day"' ":refunds $day opens the day's refunds"
is "$(screen | grep -Ec '│[0-9]{2}:[0-9]{2} ')" "$nrows" "one line per refund of the day, none wrapped ($nrows)"
missing=0
while IFS='|' read -r at number amount who; do
	screen | grep -Eq "│$at $number +[a-z ]+ +$amount .*${who:0:8}" ||
		{ diag "no line for $at $number $amount $who"; missing=$((missing + 1)); }
done < <(q "SELECT to_char(f.created_at, 'HH24:MI'), o.number,
                   to_char(f.amount, 'FM999,999,990.00') || ' ' || f.currency, coalesce(s.full_name, f.created_by)
            $of_day ORDER BY f.created_at DESC")
is "$missing" 0 "each refund shows its time, order, amount with currency and who gave it, as in SQL"
missing=0
while IFS='|' read -r total n; do
	screen | grep -Eq "Total +$total $n refunds?" || { diag "no total $total ($n)"; missing=$((missing + 1)); }
done < <(q "SELECT to_char(sum(f.amount), 'FM999,999,990.00') || ' ' || f.currency, count(*) $of_day GROUP BY f.currency")
is "$missing" 0 "the totals per currency are SQL's sums"
like "$(screen | grep -B1 '└' | head -1)" "│ +Total " "the totals are the last lines"

# F4 filters by what the lines show, not by what the database keeps behind them:
# the giver's name typed without accents and in lower case.
IFS='|' read -r giver ngiver < <(q "SELECT coalesce(s.full_name, f.created_by), count(*) $of_day
                                    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1")
plain=$(LC_ALL=C.UTF-8 iconv -f UTF-8 -t ASCII//TRANSLIT <<<"$giver" | tr 'A-Z' 'a-z')
keys F4
typetext "$plain"
keys Enter
ok 'wait_for "${giver:0:8}" && [ "$(screen | grep -Ec "│[0-9]{2}:[0-9]{2} ")" = "$ngiver" ]' \
	"F4 \"$plain\" leaves the $ngiver refunds $giver gave"
keys F4 C-u Enter
ok 'wait_for "│ +Total "' "an empty filter shows them all again"

# Enter: the newest refund's order, whose refunds part says who gave each and why.
IFS='|' read -r number by reason < <(q "SELECT o.number, coalesce(s.full_name, f.created_by), f.reason
                                        $of_day ORDER BY f.created_at DESC LIMIT 1")
keys Enter
ok 'wait_for "Order $number"' "Enter opens the order of the refund ($number)"
for _ in 1 2 3 4; do screen | grep -q "^ Refunds" && break; keys PageDown; wait_idle; done
ok 'wait_for "^ Refunds"' "the order screen has a refunds part"
ok 'wait_for " [0-9:]{5} [a-z ]+ +[0-9,.]+ [A-Z]{3} $by\$"' "it says who gave the refund ($by)"
ok 'wait_for "^ +${reason:0:20}"' "and why, under it"
ok 'wait_gone "…  "' "no refund waits for its name"
keys Escape
wait_idle

# A day that is no day.
keys : ; typetext "refunds 2026-02-30"; keys Enter
ok 'wait_for "usage: :refunds \[DAY\]"' "a date that does not exist says what to type"
keys : ; typetext "refunds last week"; keys Enter
ok 'wait_for "usage: :refunds \[DAY\] \(a date as"' "so do words it does not know"

# Yesterday and today, the shop's.
n=$(q "SELECT count(*) FROM backdesk.refunds WHERE backdesk.shop_date(created_at) = backdesk.shop_date(now()) - 1")
keys : ; typetext "refunds yesterday"; keys Enter
if [ "$n" -gt 0 ]; then
	ok 'wait_for "Refunds of $(q "SELECT backdesk.shop_date(now()) - 1")"' "yesterday is the shop's yesterday ($n refunds)"
	keys Escape
else
	ok 'wait_for "no refunds on yesterday"' "yesterday had none, and it says so"
fi
n=$(q "SELECT count(*) FROM backdesk.refunds WHERE backdesk.shop_date(created_at) = backdesk.shop_date(now())")
keys : ; typetext "refunds"; keys Enter
if [ "$n" -gt 0 ]; then
	ok 'wait_for "Refunds of $(q "SELECT backdesk.shop_date(now())")"' ":refunds alone is today ($n refunds)"
	is "$(screen | grep -Ec '│[0-9]{2}:[0-9]{2} ')" "$n" "today's refunds, all of them"
	keys Escape
else
	ok 'wait_for "no refunds on today"' ":refunds alone is today, which had none"
	ok true "(no refunds today to count)"
fi
wait_idle

# The warehouse: the database refuses (BD001), the console says it in words.
E2E_T=wh
e2e_start 80x24 PGDATABASE="$db" PGUSER=mehmet -- "$BACKDESK"
wait_for "\(warehouse\)" >/dev/null
keys : ; typetext "refunds $day"; keys Enter
ok 'wait_for "the refunds ledger is not for your role"' "the warehouse is told the ledger is not for its role"
ok 'wait_gone "Refunds of"' "and sees no refund"

# A supervisor reads it.
E2E_T=sup
e2e_start 80x24 PGDATABASE="$db" PGUSER=zsofia -- "$BACKDESK"
wait_for "\(supervisor\)" >/dev/null
keys : ; typetext "refunds $day"; keys Enter
ok 'wait_for "Refunds of $day"' "a supervisor reads the ledger"

# A gift code from the customer 360: C picks the order first.
E2E_T=e2e
sukru=$(q "SELECT id FROM backdesk.customers WHERE email = 'sukru@example.com'")
keys : ; typetext "customer $sukru"; keys Enter
wait_for "Customer Şükrü Öztürk" >/dev/null
keys C
ok 'wait_for "Gift code: which order of Şükrü Öztürk"' "C on the customer 360 first asks which order"
keys Enter
ok 'wait_for "Gift code for [A-Z]+-[0-9]+"' "Enter picks it: the gift code form for that order"
order=$(screen | grep -Eo "Gift code for [A-Z]+-[0-9]+" | head -1); order=${order#Gift code for }
typetext "abc"
keys F2
ok 'wait_for "an amount above zero"' "a wrong amount is refused next to the field"
keys C-u
typetext "50"
keys Tab
typetext "10"
keys Tab Tab
typetext "sorry for the wait"
keys F2
ok 'wait_for "either an amount or a percent, not both"' "an amount and a percent at once are refused"
is "$(q "SELECT count(*) FROM backdesk.gift_codes g JOIN backdesk.orders o ON o.id = g.order_id
         WHERE o.number = '$order' AND g.created_by = 'ayse'")" 0 "nothing was given yet"
keys Tab C-u
keys F2
ok 'wait_for "gift code of 50.00 TRY"' "the amount alone: F2 asks first, naming the amount"
keys y
wait_idle
code=$(q "SELECT g.code FROM backdesk.gift_codes g JOIN backdesk.orders o ON o.id = g.order_id
          WHERE o.number = '$order' AND g.created_by = 'ayse' AND g.amount = 50")
ok '[ -n "$code" ] && wait_for "Gift code $code for $order"' "y gives it: the code on screen ($code) is the database's"

# The code stays until the agent has read it out; then the 360 shows it.
keys Enter
ok 'wait_gone "Read it out" && wait_for "$code"' "Done closes it; the code stays on the message line"

# C on the order screen: the form for that order at once.
keys : ; typetext "order $order"; keys Enter
wait_for "Order $order" >/dev/null
keys C
ok 'wait_for "Gift code for $order"' "C on the order screen opens the gift code form for it"
keys Escape q
ok 'e2e_exited 5' "q quits (nothing typed, no question)"
is "$E2E_STATUS" 0 "with exit status 0 (nothing leaked, under ASan)"
