#!/usr/bin/env bash
# Benchmark of the stub against WireMock standalone (a static mapping of the documented answer,
# request journal off) and Prism's mock of the same spec, on 127.0.0.1 only.
#
#   bench/run.sh [all]   start-up to first 200 (each server $STARTS times), then load: a warm-up and
#                        a measured wrk run per server (requests/s, p50, p99, RSS after the run),
#                        the in-process start (JMH), and a Markdown table with the ratios
#   bench/run.sh startup | load | inprocess    one of the parts
#   bench/run.sh heap    the stub's used heap after $CREATES (1,000,000) creates and a full GC
#   bench/run.sh profile the stub under the same load, recorded with JFR (1 ms sampling), and where
#                        its time goes by component (bench/profile-breakdown.py)
#
# The stub runs twice: on the default JDK with the build's class data sharing archive (the README's
# run command), and on JDK 25 ($JDK25, if installed) with an AOT cache (JEP 483/514/515) that the
# script records once with a training run.
#
# Not part of `mvn verify` nor CI. Needs the build (mvn -DskipTests package: the stub jar, and
# bench/target/ with WireMock and the JMH benchmarks), curl, wrk (Debian: apt-get install wrk), npm
# (Prism is installed with `npm ci` into bench/node_modules).
# Settings are environment variables, e.g. DURATION=60s CONNECTIONS=64 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# The stub is started exactly as the README's run command starts it (if that command gets JVM
# flags, put the same ones here); the script only adds --host and --port.
STUB_CMD=(java -XX:SharedArchiveFile=server-stub/target/csbs-server-stub.jsa -jar server-stub/target/csbs-server-stub.jar)
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
AOT_CACHE=server-stub/target/csbs-server-stub.aot
STUB25_CMD=("$JDK25/bin/java" -XX:AOTCache="$AOT_CACHE" -jar server-stub/target/csbs-server-stub.jar)
# WireMock as its docs run it standalone, with the request journal off (the stub's load runs have none).
WIREMOCK_CMD=(java -jar bench/target/wiremock-standalone.jar --root-dir bench/wiremock --no-request-journal
              --disable-banner --disable-request-logging)
# Heap mode only: the store's bound, passed as --max-checkpoints N when set.
MAX_CHECKPOINTS=${MAX_CHECKPOINTS:-}
# Prism at log level warn: at its default (info) it logs about eight lines per request, which
# slows it down for a reason that has nothing to do with serving the mock.
PRISM_CMD=(bench/node_modules/.bin/prism mock --verboseLevel warn)
SPEC=api-spec/src/main/resources/csbs/openapi.yaml

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
# The stub reaches its steady state once C2 has compiled the request path: about 30 s on 2 cores.
WARMUP=${WARMUP:-30s}
DURATION=${DURATION:-20s}
STARTS=${STARTS:-5}
CREATES=${CREATES:-1000000}

# The README's documented request; its body is bench/request.json, which post.lua sends too.
REQ_PATH=/v1/b942cc8342734d15bcb246babb1953cf/providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/checkpoints

STUB_ARGS=()   # heap mode adds --max-checkpoints here
LOGS=$(mktemp -d /tmp/csbs-bench.XXXXXX)
SERVER_PID=   # the one server running at a time, if any
mkfifo "$LOGS/idle"
exec {IDLE_FD}<>"$LOGS/idle"

die() { echo "bench: $*" >&2; exit 1; }

# The server this script started is stopped, whatever way the script ends.
trap stop_server EXIT
trap 'exit 130' INT TERM

stop_server() {
    local pid=$SERVER_PID i
    [[ -n $pid ]] || return 0
    SERVER_PID=
    kill "$pid" 2>/dev/null || return 0
    for i in {1..50}; do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# A port below the kernel's ephemeral range (so no client socket holds it) that nothing answers on.
free_port() {
    local p
    for _ in {1..200}; do
        p=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    die "no free port found"
}

now_us() { local t=${EPOCHREALTIME/[.,]/}; echo $((10#$t)); }

# Starts server $1 (stub|prism) on port $2 in the background; sets SERVER_PID.
start_server() {
    local name=$1 port=$2 log="$LOGS/$1-$2.log"
    case $name in
        stub)
            "${STUB_CMD[@]}" --host 127.0.0.1 --port "$port" "${STUB_ARGS[@]}" >"$log" 2>&1 &
            ;;
        stub25)
            "${STUB25_CMD[@]}" --host 127.0.0.1 --port "$port" "${STUB_ARGS[@]}" >"$log" 2>&1 &
            ;;
        wiremock) "${WIREMOCK_CMD[@]}" --bind-address 127.0.0.1 --port "$port" >"$log" 2>&1 & ;;
        prism) "${PRISM_CMD[@]}" -h 127.0.0.1 -p "$port" "$SPEC" >"$log" 2>&1 & ;;
    esac
    SERVER_PID=$!
}

post_status() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X POST \
        -H 'X-Auth-Token: csbs-demo-token' -H 'Content-Type: application/json' \
        -H 'Accept: application/json' --data-binary @bench/request.json \
        "http://127.0.0.1:$1$REQ_PATH" || true
}

# Polls every ~5 ms until the documented POST answers 200; fails if the server exits, answers
# anything but 200, or takes longer than 60 s. The loop forks nothing until the port accepts a
# connection (a fork every 5 ms would take CPU from the server that is starting): bash connects
# with /dev/tcp, and pauses with a timed read on a FIFO that nobody writes to.
wait_for_200() {
    local name=$1 port=$2 pid=$3 t0=$4 code
    while :; do
        if { : <>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
            code=$(post_status "$port")
            [[ $code == 200 ]] && return 0
            [[ $code == 000 ]] || die "$name answered $code, not 200, to the documented POST (log: $LOGS)"
        fi
        kill -0 "$pid" 2>/dev/null || { tail -n 20 "$LOGS/$name-$port.log" >&2; die "$name exited"; }
        ((${EPOCHREALTIME/[.,]/} - t0 < 60000000)) || die "$name did not answer within 60 s (log: $LOGS)"
        read -r -t 0.005 -u "$IDLE_FD" _ || true
    done
}

# Start-up: process launch to the first 200, $STARTS times; sets STARTUP_<name>="median min max" (ms).
measure_startup() {
    local name=$1 i port t0 t1 times=()
    for ((i = 1; i <= STARTS; i++)); do
        port=$(free_port)
        t0=$(now_us)
        start_server "$name" "$port"
        wait_for_200 "$name" "$port" "$SERVER_PID" "$t0"
        t1=$(now_us)
        stop_server
        times+=($(((t1 - t0) / 1000)))
    done
    local sorted
    mapfile -t sorted < <(printf "%s\n" "${times[@]}" | sort -n)
    printf -v "STARTUP_$name" '%s %s %s' "${sorted[$((STARTS / 2))]}" "${sorted[0]}" "${sorted[-1]}"
    echo "start-up $name (ms): ${times[*]}"
}

# One wrk run with the documented POST; prints post.lua's RESULT line and fails unless every
# response was a 200 and no socket error happened. wrk leaves answers slower than --timeout out of
# the latency percentiles (and counts them as timeouts), so the timeout is long (30 s) and any
# timeout fails the run too. Extra args go to post.lua.
run_wrk() {
    local name=$1 port=$2 duration=$3 out result extra=()
    shift 3
    (($#)) && extra=(-- "$@")
    out="$LOGS/wrk-$name-$duration-$(now_us).txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 30s --latency -s bench/post.lua \
        "http://127.0.0.1:$port$REQ_PATH" "${extra[@]}" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed"; }
    result=$(grep '^RESULT ' "$out") || { cat "$out" >&2; die "wrk printed no RESULT"; }
    if [[ $result != *" non200=0 "* || $result != *" socket_errors=0 "* || $result != *" timeouts=0 "* ]]; then
        cat "$out" >&2
        die "$name: not every response was a 200 within 30 s ($result)"
    fi
    echo "$result"
}

field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<"$1"; }

# The process that listens on port $1 (a command may be a wrapper around java or node).
listener_pid() {
    local pid
    pid=$(ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
    echo "${pid:-$SERVER_PID}"
}

# Load: warm-up, then the measured run; sets LOAD_<name> to the measured RESULT line and
# RSS_<name> to the listening process's resident set (MB) right after it.
measure_load() {
    local name=$1 port result
    port=$(free_port)
    start_server "$name" "$port"
    wait_for_200 "$name" "$port" "$SERVER_PID" "$(now_us)"
    echo "load $name: warm-up $WARMUP ..."
    run_wrk "$name" "$port" "$WARMUP" >/dev/null
    echo "load $name: measuring $DURATION, $THREADS threads, $CONNECTIONS connections ..."
    result=$(run_wrk "$name" "$port" "$DURATION")
    echo "  $result"
    printf -v "RSS_$name" '%s' "$(($(ps -o rss= -p "$(listener_pid "$port")") / 1024))"
    stop_server
    printf -v "LOAD_$name" '%s' "$result"
}

# JFR during a measured run after the warm-up; the recording and its breakdown go to $LOGS.
measure_profile() {
    local port pid
    port=$(free_port)
    start_server stub "$port"
    wait_for_200 stub "$port" "$SERVER_PID" "$(now_us)"
    pid=$(listener_pid "$port")
    echo "profile: warm-up $WARMUP ..."
    run_wrk stub "$port" "$WARMUP" >/dev/null
    jcmd "$pid" JFR.start name=bench settings=profile jdk.ExecutionSample#period=1ms filename="$LOGS/stub.jfr" >/dev/null
    echo "profile: recording $DURATION ..."
    run_wrk stub "$port" "$DURATION"
    jcmd "$pid" JFR.stop name=bench >/dev/null
    stop_server
    python3 bench/profile-breakdown.py "$LOGS/stub.jfr" "$(dirname "$(readlink -f "$(command -v java)")")/jfr"
}

# In-process start of a second and later stub in one JVM (JMH, single shot): sets INPROCESS to "median p90" (ms).
measure_inprocess() {
    local json="$LOGS/jmh-start.json"
    echo "in-process start: JMH StubStartBenchmark ..."
    java -jar bench/target/benchmarks.jar StubStartBenchmark -rf json -rff "$json" >"$LOGS/jmh-start.txt" 2>&1 \
        || { cat "$LOGS/jmh-start.txt" >&2; die "the JMH benchmark failed"; }
    INPROCESS=$(python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))[0]["primaryMetric"]["scorePercentiles"]; print("%.1f %.1f" % (p["50.0"], p["90.0"]))' "$json")
    echo "  median, p90 (ms): $INPROCESS"
}

# The AOT cache for JDK 25: recorded once by a training run that answers the warm-up requests.
ensure_aot_cache() {
    [[ -x $JDK25/bin/java ]] || return 1
    [[ -f $AOT_CACHE && $AOT_CACHE -nt server-stub/target/csbs-server-stub.jar ]] && return 0
    echo "recording the JDK 25 AOT cache $AOT_CACHE ..."
    "$JDK25/bin/java" -XX:AOTCacheOutput="$AOT_CACHE" -Xlog:aot=error,cds=error \
        -jar server-stub/target/csbs-server-stub.jar --port 0 --exit-after-warm-up >"$LOGS/aot-training.log" 2>&1 \
        || { cat "$LOGS/aot-training.log" >&2; die "the AOT training run failed"; }
}

ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }

print_table() {
    local name label rps p50 p99 st rss
    echo
    echo "| server | requests/s | p50 | p99 | start-up to first 200 (median of $STARTS, min-max) | RSS after load |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    for name in "${SERVERS[@]}"; do
        case $name in
            stub) label="stub, $(java -version 2>&1 | head -n 1 | cut -d'"' -f2), CDS archive" ;;
            stub25) label="stub, $("$JDK25/bin/java" -version 2>&1 | head -n 1 | cut -d'"' -f2), AOT cache" ;;
            wiremock) label="WireMock $WIREMOCK_VERSION standalone" ;;
            prism) label="Prism $PRISM_VERSION mock" ;;
        esac
        local load_var="LOAD_$name" start_var="STARTUP_$name" rss_var="RSS_$name"
        rps=- p50=- p99=- st=- rss=-
        if [[ -n ${!load_var:-} ]]; then
            rps=$(printf '%.0f' "$(field "${!load_var}" rps)")
            p50=$(ms "$(field "${!load_var}" p50_us)")
            p99=$(ms "$(field "${!load_var}" p99_us)")
            rss="${!rss_var} MB"
        fi
        if [[ -n ${!start_var:-} ]]; then
            read -r med min max <<<"${!start_var}"
            st="$med ms ($min-$max)"
        fi
        echo "| $label | $rps | $p50 | $p99 | $st | $rss |"
    done
    echo
    [[ -z ${INPROCESS:-} ]] || { read -r med p90 <<<"$INPROCESS"; echo "In-process start of a further stub in one JVM" \
        "(start + first 200, JMH single shot): median $med ms, p90 $p90 ms (target <= 50 ms:" \
        "$(awk -v m="$med" 'BEGIN { print (m <= 50 ? "met" : "MISSED") }'))"; echo; }
    for name in stub stub25; do
        local load_var="LOAD_$name" start_var="STARTUP_$name"
        [[ -n ${!load_var:-} || -n ${!start_var:-} ]] || continue
        echo "$name:"
        if [[ -n ${!load_var:-} && -n ${LOAD_wiremock:-} ]]; then
            awk -v s="$(field "${!load_var}" rps)" -v w="$(field "$LOAD_wiremock" rps)" \
                -v s99="$(field "${!load_var}" p99_us)" -v w99="$(field "$LOAD_wiremock" p99_us)" 'BEGIN {
                printf "  throughput / WireMock: %.2fx (target >= 2x: %s); p99 %.2f ms vs WireMock %.2f ms (target: no worse: %s)\n",
                    s / w, (s / w >= 2 ? "met" : "MISSED"), s99 / 1000, w99 / 1000, (s99 <= w99 ? "met" : "MISSED") }'
        fi
        if [[ -n ${!load_var:-} && -n ${LOAD_prism:-} ]]; then
            awk -v s="$(field "${!load_var}" rps)" -v p="$(field "$LOAD_prism" rps)" 'BEGIN {
                printf "  throughput / Prism: %.1fx (target >= 10x: %s)\n", s / p, (s / p >= 10 ? "met" : "MISSED") }'
        fi
        if [[ -n ${!start_var:-} ]]; then
            read -r med _ <<<"${!start_var}"
            echo "  process start to first 200: median ${med} ms (target <= 500 ms: $( ((med <= 500)) && echo met || echo MISSED))"
        fi
    done
}

# Heap: $CREATES documented POSTs in 10 s rounds of wrk (each thread stops at its share of what is
# left, so at most one connection's worth more is sent), then a full GC and the used heap as the
# JVM reports it. Bounded: gives up after $HEAP_MAX_MINUTES.
measure_heap() {
    local port sent=1 left result jvm_pid info used_kb t0
    # More connections than the load test: only the count of creates matters here, not latency.
    local CONNECTIONS=${HEAP_CONNECTIONS:-128}
    [[ -z $MAX_CHECKPOINTS ]] || STUB_ARGS=(--max-checkpoints "$MAX_CHECKPOINTS")
    port=$(free_port)
    t0=$(now_us)
    start_server stub "$port"
    wait_for_200 stub "$port" "$SERVER_PID" "$t0"   # that first 200 is a create too
    while ((sent < CREATES)); do
        (($(now_us) - t0 < ${HEAP_MAX_MINUTES:-60} * 60000000)) || die "only $sent creates in ${HEAP_MAX_MINUTES:-60} min"
        left=$((CREATES - sent))
        result=$(run_wrk stub "$port" 10s $(((left + THREADS - 1) / THREADS)))
        sent=$((sent + $(field "$result" requests)))
        echo "heap: $sent creates sent, $(((sent * 1000000) / ($(now_us) - t0))) per second on average"
    done
    # The JVM that listens on the port (STUB_CMD may be a wrapper around java).
    jvm_pid=$(listener_pid "$port")
    jcmd "$jvm_pid" GC.run >/dev/null
    info=$(jcmd "$jvm_pid" GC.heap_info)
    echo "$info"
    jcmd "$jvm_pid" GC.class_histogram | head -n 10
    # Sum of "total NK, used MK" lines: one for G1, young + old for Serial and Parallel GC.
    used_kb=$(awk '/total [0-9]+K, used [0-9]+K/ { match($0, /used [0-9]+K/); s += substr($0, RSTART + 5, RLENGTH - 6) }
                   END { print s + 0 }' <<<"$info")
    echo
    # $sent counts the 200s wrk saw; requests in flight when a wrk round ended were handled by the
    # stub too (at most $CONNECTIONS a round), so the stub has done at least $sent creates.
    echo "heap after at least $sent creates (max-checkpoints: ${MAX_CHECKPOINTS:-not set}), after a full GC:" \
        "$(awk -v k="$used_kb" 'BEGIN { printf "%.1f MB", k / 1024 }') used;" \
        "process RSS $(awk -v k="$(ps -o rss= -p "$jvm_pid")" 'BEGIN { printf "%.0f MB", k / 1024 }')"
}

# --- checks and set-up ---
command -v wrk >/dev/null || die "wrk is not installed; on Debian/Ubuntu: sudo apt-get install -y wrk"
command -v curl >/dev/null || die "curl is not installed; on Debian/Ubuntu: sudo apt-get install -y curl"
[[ -f server-stub/target/csbs-server-stub.jar ]] || die "no stub jar; build it first: mvn -DskipTests package"

mode=${1:-all}
SERVERS=(stub)
if [[ $mode == all || $mode == startup || $mode == load ]]; then
    if ensure_aot_cache; then SERVERS+=(stub25); else echo "no JDK 25 at $JDK25: the stub runs on the default JDK only"; fi
    [[ -f bench/target/wiremock-standalone.jar ]] || die "no bench/target/wiremock-standalone.jar; build first: mvn -DskipTests package"
    WIREMOCK_VERSION=$(unzip -p bench/target/wiremock-standalone.jar META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')
    SERVERS+=(wiremock prism)
    if [[ ! -x bench/node_modules/.bin/prism ]]; then
        command -v npm >/dev/null || die "npm is not installed (Node 18+ is needed for Prism)"
        (cd bench && npm ci --no-audit --no-fund)
    fi
    PRISM_VERSION=$(node -p 'require("./bench/node_modules/@stoplight/prism-cli/package.json").version')
fi

echo "csbs bench: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores," \
    "$(java -version 2>&1 | head -n 1), $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)," \
    "WireMock ${WIREMOCK_VERSION:--}, Prism ${PRISM_VERSION:--}; logs in $LOGS"
case $mode in
    all)
        for name in "${SERVERS[@]}"; do measure_startup "$name"; done
        for name in "${SERVERS[@]}"; do measure_load "$name"; done
        measure_inprocess
        print_table
        ;;
    startup) for name in "${SERVERS[@]}"; do measure_startup "$name"; done; print_table ;;
    load) for name in "${SERVERS[@]}"; do measure_load "$name"; done; print_table ;;
    inprocess) measure_inprocess; print_table ;;
    heap) measure_heap ;;
    profile) measure_profile ;;
    *) die "unknown mode '$mode' (all, startup, load, inprocess, heap, profile)" ;;
esac
