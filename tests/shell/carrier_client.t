#!/bin/bash
# carrier/client.c against the fake carrier server (tests/fakes/carrier_fake.py),
# through tests/tools/carrier_drive inside tui/loop: retries only what is worth
# retrying and at most three tries, Retry-After honoured, time-outs for a hang and a
# drip, caps on the body, the concurrency cap and the token bucket, TLS verified,
# and a loop that keeps running its timers while lookups hang.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 69

drive=$BACKDESK_BUILD/tests/tools/carrier_drive
fake=$BACKDESK_ROOT/tests/fakes/carrier_fake.py
tmp=$(mktemp -d "${BACKDESK_TEST_TMP:-/tmp}/carrier.XXXXXX")
at_exit "rm -rf '$tmp'"

# start_fake NAME ARGS...: a fake on a free loopback port; sets $port.
start_fake() {
	local name=$1; shift
	python3 "$fake" --port-file "$tmp/$name.port" "$@" 2>"$tmp/$name.err" &
	local pid=$!
	at_exit "kill $pid"
	for _ in $(seq 100); do [ -s "$tmp/$name.port" ] && break; sleep 0.05; done
	port=$(cat "$tmp/$name.port" 2>/dev/null)
	[ -n "$port" ] || { echo "Bail out! the fake carrier server did not start: $(cat "$tmp/$name.err")"; exit 1; }
}
get() { python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$1"; }
ctl() { get "$base/_control/$1" >/dev/null; }
count() { get "$base/_control/count${1:+?number=$1}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'; }
creates() { get "$base/_control/count${1:+?number=$1}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["creates"])'; }
# field LINE NAME: http=, tries=, ms= of a RESULT line.
field() { sed -nE "s/.* $2=([^ ]*).*/\1/p" <<<"$1" | head -1; }
result() { grep "^RESULT $2 " <<<"$1"; }
outcome() { awk '{print $3}' <<<"$1"; }

start_fake plain
base=http://127.0.0.1:$port

out=$("$drive" --base "$base" P1 P2 P3)
is "$(grep -c '^RESULT P[123] OK http=200 tries=1 ' <<<"$out")" 3 "three plain lookups answer OK in one try each"
is "$(count)" 3 "and the fake saw three requests"

# 429 with Retry-After in seconds: the second try waits for it.
ctl "fault?number=R1&fault=429&retry_after=2&times=1"
r=$(result "$("$drive" --base "$base" R1)" R1)
is "$(outcome "$r") $(field "$r" tries)" "OK 2" "429 with Retry-After: 2 is tried again and then answers"
ok "[ $(field "$r" ms) -ge 1950 ]" "the second try waited the 2 s Retry-After asked ($(field "$r" ms) ms)"
ok "[ $(field "$r" ms) -lt 4000 ]" "and not much longer"
is "$(count R1)" 2 "two requests for it in all"

# Retry-After as an HTTP date (whole seconds: wait at least one).
ctl "fault?number=R2&fault=429&retry_after=date:2&times=1"
r=$(result "$("$drive" --base "$base" R2)" R2)
is "$(outcome "$r") $(field "$r" tries)" "OK 2" "429 with Retry-After as an HTTP date is tried again"
ok "[ $(field "$r" ms) -ge 950 ]" "after the date it named ($(field "$r" ms) ms)"

# A Retry-After far away is not waited for.
ctl "fault?number=R3&fault=429&retry_after=3600"
r=$(result "$("$drive" --base "$base" R3)" R3)
is "$(outcome "$r") $(field "$r" tries)" "RATE_LIMITED 1" "a Retry-After of an hour ends the lookup as rate-limited now"

# 429 for ever: three tries, then rate-limited.
ctl "fault?number=R4&fault=429&retry_after=0"
r=$(result "$("$drive" --base "$base" R4)" R4)
is "$(outcome "$r") $(field "$r" tries) $(field "$r" http)" "RATE_LIMITED 3 429" "429 every time: three tries, then RATE_LIMITED"

# 500 every time: three tries at most, with a back-off between them.
ctl "fault?number=E1&fault=500"
r=$(result "$("$drive" --base "$base" E1)" E1)
is "$(outcome "$r") $(field "$r" tries) $(field "$r" http)" "SERVER 3 500" "500 every time: three tries, then SERVER"
is "$(count E1)" 3 "exactly three requests, never a fourth"
ok "[ $(field "$r" ms) -ge 750 ]" "the tries were spread by the back-off ($(field "$r" ms) ms)"
like "$(field "$r" error)" '.' "with a reason"

ctl "fault?number=E2&fault=503&times=2"
r=$(result "$("$drive" --base "$base" E2)" E2)
is "$(outcome "$r") $(field "$r" tries)" "OK 3" "503 twice, then an answer on the third try"

ctl "fault?number=N1&fault=404"
r=$(result "$("$drive" --base "$base" N1)" N1)
is "$(outcome "$r") $(field "$r" tries)" "NOT_FOUND 1" "404 is not retried"
is "$(count N1)" 1 "one request for it"

# A hang: the whole-request time-out ends each try; the loop stays responsive.
ctl "fault?number=H1&fault=hang&ms=20000"
out=$("$drive" --base "$base" --timeout-ms 1000 H1)
r=$(result "$out" H1)
is "$(outcome "$r") $(field "$r" tries)" "TIMEOUT 3" "a server that hangs times out, three tries"
like "$r" 'error=no answer from aftership within 1 s' "saying nobody answered in time"
ok "[ $(field "$r" ms) -lt 6000 ]" "each try ended at its time-out ($(field "$r" ms) ms for three)"
gap=$(sed -nE 's/^SUMMARY .*maxgap=([0-9]+).*/\1/p' <<<"$out")
ticks=$(sed -nE 's/^SUMMARY .*ticks=([0-9]+).*/\1/p' <<<"$out")
ok "[ ${ticks:-0} -ge 100 ]" "a 10 ms timer kept running during the hang ($ticks runs)"
ok "[ ${gap:-999} -lt 100 ]" "never waiting 100 ms or more between two runs (longest $gap ms)"

# A body that drips one byte at a time: the low-speed cut, long before the total time-out.
ctl "fault?number=D1&fault=drip&ms=300"
r=$(result "$("$drive" --base "$base" --timeout-ms 6000 D1)" D1)
is "$(outcome "$r") $(field "$r" tries)" "TIMEOUT 3" "a drip times out, three tries"
like "$r" 'came too slowly' "saying the answer came too slowly"
ok "[ $(field "$r" ms) -lt 12000 ]" "each try cut well before the 6 s total ($(field "$r" ms) ms for three)"

ctl "fault?number=X1&fault=drop"
r=$(result "$("$drive" --base "$base" X1)" X1)
is "$(outcome "$r") $(field "$r" tries)" "NETWORK 3" "a dropped connection is retried, three tries"

ctl "fault?number=X2&fault=drop&times=1"
r=$(result "$("$drive" --base "$base" X2)" X2)
is "$(outcome "$r") $(field "$r" tries)" "OK 2" "one dropped connection, then an answer"

ctl "fault?number=M1&fault=malformed"
r=$(result "$("$drive" --base "$base" M1)" M1)
is "$(outcome "$r") $(field "$r" tries)" "MALFORMED 1" "malformed JSON: lookup failed, not retried"
like "$r" 'error=the answer was not a JSON object \(' "with the reason"

ctl "fault?number=B1&fault=huge"
r=$(result "$("$drive" --base "$base" B1)" B1)
is "$(outcome "$r") $(field "$r" tries)" "TOO_BIG 1" "a 5 MB body (with its length) is refused, not retried"
like "$r" 'error=the answer from aftership was larger than 1024 KB' "saying it was too large"
ctl "fault?number=B2&fault=huge_chunked"
r=$(result "$("$drive" --base "$base" B2)" B2)
is "$(outcome "$r") $(field "$r" tries)" "TOO_BIG 1" "a 5 MB chunked body (no length) is cut at the cap"

ctl "fault?number=C1&fault=ctype"
r=$(result "$("$drive" --base "$base" C1)" C1)
is "$(outcome "$r") $(field "$r" tries)" "MALFORMED 1" "an HTML page instead of JSON fails"
like "$r" 'answered with text/html, not JSON' "naming what came"

# Faults for the next request, whatever it asks.
ctl "fault?fault=500&times=1"
r=$(result "$("$drive" --base "$base" Q1)" Q1)
is "$(outcome "$r") $(field "$r" tries)" "OK 2" "a fault for the next request hits it once"

# The concurrency cap: 20 slow lookups, at most 4 at a time.
ctl reset
for i in $(seq 20); do ctl "fault?number=S$i&fault=slow&ms=300"; done
out=$("$drive" --base "$base" --concurrency 4 $(seq -f 'S%g' 20))
is "$(grep -c '^RESULT S[0-9]* OK ' <<<"$out")" 20 "20 slow lookups all answer"
is "$(get "$base/_control/count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["max_inflight"])')" 4 \
	"never more than 4 in flight at the fake, and 4 at once"
ms=$(sed -nE 's/^SUMMARY .* ms=([0-9]+).*/\1/p' <<<"$out")
ok "[ ${ms:-0} -ge 1450 ]" "so they took at least five rounds of 300 ms ($ms ms)"

# The token bucket: 5 a second with a burst of 2, 12 lookups.
ctl reset
out=$("$drive" --base "$base" --rate 5 --burst 2 $(seq -f 'T%g' 12))
is "$(grep -c '^RESULT T[0-9]* OK ' <<<"$out")" 12 "12 lookups under a 5/s bucket all answer"
ms=$(sed -nE 's/^SUMMARY .* ms=([0-9]+).*/\1/p' <<<"$out")
ok "[ ${ms:-0} -ge 1900 ]" "no faster than the bucket lets them: (12 - 2) / 5 s ($ms ms)"
ok "[ ${ms:-99999} -lt 3500 ]" "and not much slower ($ms ms)"
viol=$(get "$base/_control/log" | python3 -c '
import json, sys
t = [x[1] for x in json.load(sys.stdin)["log"]]
# In every stretch of requests, no more than the burst plus what the rate refilled.
print(sum(1 for i in range(len(t)) for j in range(i, len(t)) if j - i + 1 > 2 + 5 * (t[j] - t[i]) + 0.5))')
is "$viol" 0 "no stretch of requests ever went faster than burst + rate"

# A 429's Retry-After holds the whole service, not only the lookup that got it.
ctl reset
ctl "fault?number=W1&fault=429&retry_after=2&times=1"
out=$("$drive" --base "$base" --concurrency 1 W1 W2)
w2=$(result "$out" W2)
ok "[ $(field "$w2" ms) -ge 1950 ]" "a lookup queued behind a 429 waits for its Retry-After too ($(field "$w2" ms) ms)"

# Forgetting: the lookups of a screen that went away are never answered.
out=$("$drive" --base "$base" F0 F1 F2 F3 --forget-odd)
is "$(grep -c '^RESULT' <<<"$out") $(grep -c '^RESULT F[13] ' <<<"$out")" "2 0" "forgotten lookups are dropped unanswered"

# Not set up, and protocols other than http(s).
r=$(result "$("$drive" NS1)" NS1)
is "$(outcome "$r") $(field "$r" tries)" "NOT_SET_UP 0" "a service without a base URL answers NOT_SET_UP, asking nobody"
r=$(result "$("$drive" --base "file:///etc" FP1)" FP1)
is "$(outcome "$r") $(field "$r" tries)" "NETWORK 1" "a file:// base URL is refused by the client, not retried"
r=$(result "$("$drive" --base "http://127.0.0.1:1" CR1 --connect-ms 500)" CR1)
is "$(outcome "$r") $(field "$r" tries)" "NETWORK 3" "a refused connection is retried, three tries"

# HTTPS with a throwaway CA: verified when the CA is given, refused when it is not.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=backdesk test CA" \
	-keyout "$tmp/ca.key" -out "$tmp/ca.pem" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$tmp/srv.key" -out "$tmp/srv.csr" >/dev/null 2>&1
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$tmp/ext"
openssl x509 -req -in "$tmp/srv.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" -CAcreateserial \
	-days 2 -extfile "$tmp/ext" -out "$tmp/srv.pem" >/dev/null 2>&1
ok "[ -s '$tmp/srv.pem' ]" "openssl made a throwaway CA and a server certificate"
start_fake tls --tls-cert "$tmp/srv.pem" --tls-key "$tmp/srv.key"
tbase=https://127.0.0.1:$port
r=$(result "$("$drive" --base "$tbase" --ca "$tmp/ca.pem" TLS1)" TLS1)
is "$(outcome "$r") $(field "$r" tries)" "OK 1" "HTTPS with the test CA answers"
r=$(result "$("$drive" --base "$tbase" TLS2)" TLS2)
is "$(outcome "$r") $(field "$r" tries)" "NETWORK 1" "HTTPS with an unknown CA is refused, not retried"
like "$r" 'certificate|SSL' "saying why"
r=$(result "$("$drive" --base "https://localhost:$port" --ca "$tmp/ca.pem" TLS3)" TLS3)
is "$(outcome "$r") $(field "$r" tries)" "OK 1" "and by the name in the certificate"

# Many at once over TLS, one connection reused per slot.
out=$("$drive" --base "$tbase" --ca "$tmp/ca.pem" $(seq -f 'TL%g' 40))
is "$(grep -c '^RESULT TL[0-9]* OK ' <<<"$out")" 40 "40 lookups over HTTPS all answer"

# The real adapters (carrier/dhl.c, aftership.c) through the client, both wire
# formats from the fixtures the fake serves (tests/fakes/fixtures/README.md).
ctl reset
out=$("$drive" --real --base "$base" dhl:9999920803 yurtici:719999999999 mng:8899999999999 \
	ups:1ZBDZZZZ1199920806 ups:1ZBDZZZZ1199762424 dhl:9999999995)
is "$(result "$out" 9999920803 | awk '{print $3, $5, $7, $8}')" "OK tries=1 status=IN_TRANSIT events=3" \
	"DHL's format: a parcel in transit with its three events"
is "$(result "$out" 719999999999 | awk '{print $3, $7}')" "OK status=PRE_TRANSIT" "AfterShip's format: Yurtiçi, pending"
is "$(result "$out" 8899999999999 | awk '{print $3, $7, $8}')" "OK status=IN_TRANSIT events=2" "AfterShip's format: MNG in transit"
is "$(result "$out" 1ZBDZZZZ1199920806 | awk '{print $3, $5}')" "NOT_FOUND tries=2" \
	"AfterShip's 4004: told to follow the number, asked once more, still not found (its fixture stays 4004)"
is "$(count 1ZBDZZZZ1199920806) $(creates 1ZBDZZZZ1199920806)" "2 1" "two lookups and one POST for it, never more"
r=$(result "$out" 1ZBDZZZZ1199762424)
is "$(outcome "$r") $(field "$r" tries)" "RATE_LIMITED 3" "AfterShip's 429: three tries, then rate-limited"
like "$r" "error=.*AfterShip said: You have exceeded" "with the carrier's own words"
r=$(result "$out" 9999999995)
ok "[ $(field "$r" ms) -ge 4900 ]" "a second DHL lookup waits for DHL's bucket, one call per 5 s ($(field "$r" ms) ms)"
is "$(count)" 9 "nine lookups in all (one each, three for the 429, two for the 4004)"

# AfterShip follows only the numbers it was told to (POST .../trackings): a fake
# that answers 4004 until then.  The client creates the tracking once and asks again.
start_fake follow --aftership-follow
base=http://127.0.0.1:$port
out=$("$drive" --real --base "$base" yurtici:719999999999 mng:8899999999999)
is "$(result "$out" 719999999999 | awk '{print $3, $5, $7}')" "OK tries=2 status=PRE_TRANSIT" \
	"4004, then the POST that follows it, then its answer"
is "$(result "$out" 8899999999999 | awk '{print $3, $5, $7}')" "OK tries=2 status=IN_TRANSIT" "the same for a second number"
is "$(count 719999999999) $(creates 719999999999)" "2 1" "two lookups and one POST for it"
out=$("$drive" --real --base "$base" yurtici:719999999999)
is "$(result "$out" 719999999999 | awk '{print $3, $5}')" "OK tries=1" "once followed, one lookup, no POST"
is "$(creates 719999999999)" 1 "still one POST"
# A number the fake already follows but forgot the answer to: the POST's 4003
# "already exists" also means ask again.
get "$base/_control/reset" >/dev/null
python3 -c 'import sys, urllib.request
rq = urllib.request.Request(sys.argv[1] + "/tracking/2024-04/trackings", method="POST", headers={"as-api-key": "k", "Content-Type": "application/json"},
                            data=b"{\"tracking\":{\"slug\":\"ups\",\"tracking_number\":\"1ZBDZZZZ1199999992\"}}")
print(urllib.request.urlopen(rq, timeout=5).status)' "$base" >/dev/null
ctl "fault?number=1ZBDZZZZ1199999992&fault=404&times=1"
out=$("$drive" --real --base "$base" ups:1ZBDZZZZ1199999992)
is "$(result "$out" 1ZBDZZZZ1199999992 | awk '{print $3, $5}')" "OK tries=2" "a 4003 answer to the POST: asked again, and answered"
is "$(creates 1ZBDZZZZ1199999992)" 2 "after one POST that said it exists already"
