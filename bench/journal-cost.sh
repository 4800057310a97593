#!/usr/bin/env bash
# What the request journal costs the stub under load: two stubs on 127.0.0.1, one with the journal
# (the default, 1,000 requests) and one with --journal-size 0, each warmed up once, then measured in
# turn, $ROUNDS rounds of wrk with the README's documented POST (bench/post.lua); prints each round and
# the medians. Verdicts are worked out when the journal is read, so this is the cost of recording.
#
#   mvn -DskipTests package && bench/journal-cost.sh
#
# Not part of `mvn verify`. Needs the built stub, curl and wrk (Debian: apt-get install wrk).
# Settings are environment variables: WARMUP (30s), DURATION (20s), ROUNDS (5), THREADS (2), CONNECTIONS (32).
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-30s}
DURATION=${DURATION:-20s}
ROUNDS=${ROUNDS:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
JAR=server-stub/target/csbs-server-stub.jar
REQ_PATH=/v1/b942cc8342734d15bcb246babb1953cf/providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/checkpoints
LOGS=$(mktemp -d /tmp/csbs-journal-cost.XXXXXX)
declare -A PORT PID

die() { echo "journal-cost: $*" >&2; exit 1; }
[[ -f $JAR ]] || die "$JAR is missing: mvn -DskipTests package"
command -v wrk >/dev/null || die "wrk is missing (Debian: apt-get install wrk)"

# The stubs this script started are stopped, however it ends.
stop_all() { local pid; for pid in "${PID[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_all EXIT
trap 'exit 130' INT TERM

# start <mode> <extra args...>: the stub as the README starts it, on a port it picks (it prints its URL),
# until it answers the documented POST with 200.
start() {
    local mode=$1 i code
    shift
    java -XX:SharedArchiveFile=server-stub/target/csbs-server-stub.jsa -jar "$JAR" \
        --host 127.0.0.1 --port 0 "$@" >"$LOGS/stub-$mode.log" 2>&1 &
    PID[$mode]=$!
    for i in {1..600}; do
        PORT[$mode]=$(sed -n 's|^CSBS stub listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$LOGS/stub-$mode.log")
        if [[ -n ${PORT[$mode]} ]]; then
            code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'X-Auth-Token: csbs-demo-token' \
                -H 'Content-Type: application/json' --data-binary @bench/request.json \
                "http://127.0.0.1:${PORT[$mode]}$REQ_PATH" || true)
            [[ $code == 200 ]] && return 0
        fi
        kill -0 "${PID[$mode]}" 2>/dev/null || die "the stub ($mode) exited: $(tail -n 5 "$LOGS/stub-$mode.log")"
        sleep 0.1
    done
    die "the stub ($mode) did not answer 200 within 60 s"
}

# wrk_result <mode> <duration>: post.lua's RESULT line; every answer must be a 200.
wrk_result() {
    local out="$LOGS/wrk-$1-$2-$RANDOM.txt" result
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 30s --latency -s bench/post.lua \
        "http://127.0.0.1:${PORT[$1]}$REQ_PATH" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed"; }
    result=$(grep '^RESULT ' "$out") || die "wrk printed no RESULT ($out)"
    [[ $result == *" non200=0 socket_errors=0 timeouts=0 "* ]] || die "$1: not every answer was a 200: $result"
    echo "$result"
}

field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<"$1"; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

start on
start off --journal-size 0
for mode in on off; do
    echo "warm-up journal $mode: $WARMUP"
    wrk_result "$mode" "$WARMUP" >/dev/null
done

declare -A RPS P99
for ((round = 1; round <= ROUNDS; round++)); do
    for mode in on off; do
        result=$(wrk_result "$mode" "$DURATION")
        RPS[$mode]+="$(field "$result" rps) "
        P99[$mode]+="$(field "$result" p99_us) "
        printf 'round %d journal %-3s %8.0f requests/s  p99 %6.2f ms\n' "$round" "$mode" \
            "$(field "$result" rps)" "$(awk -v us="$(field "$result" p99_us)" 'BEGIN { print us / 1000 }')"
    done
done

# shellcheck disable=SC2086 # the lists are space-separated numbers
on=$(median ${RPS[on]}) off=$(median ${RPS[off]}) on99=$(median ${P99[on]}) off99=$(median ${P99[off]})
awk -v on="$on" -v off="$off" -v on99="$on99" -v off99="$off99" -v rounds="$ROUNDS" -v d="$DURATION" 'BEGIN {
    printf "\nmedians of %d rounds of %s: journal on %.0f requests/s (p99 %.2f ms), off %.0f requests/s (p99 %.2f ms): the journal costs %.1f%% of throughput\n",
        rounds, d, on, on99 / 1000, off, off99 / 1000, (off - on) / off * 100 }'
echo "logs: $LOGS"
