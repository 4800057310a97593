#!/usr/bin/env bash
# Benchmark of the stub against WireMock standalone (a static mapping of the documented answer,
# request journal off) and Prism's mock of the same spec, on 127.0.0.1 only.
#
#   bench/run.sh [all]   every part below but heap and profile, then Markdown tables with the ratios
#   bench/run.sh startup     process start to the first 200, each server $STARTS times
#   bench/run.sh load        the documented POST in steady state: a warm-up and a measured wrk run per
#                            server (requests/s, p50, p99, RSS after the run)
#   bench/run.sh readmix     the read-heavy mix of polling clients (bench/read-mix.lua) over a store of
#                            1,000 checkpoints: a warm-up and a measured run per server
#   bench/run.sh first10s    the documented POST for the first $FIRST_DURATION (10 s) after the first 200,
#                            no warm-up: what a CI job's load test gets
#   bench/run.sh inprocess   a further stub in a JVM that has started one (JMH StubStartBenchmark)
#   bench/run.sh consumer    a consumer's first test in a fresh JVM, @CsbsStub against WireMock's JUnit 5
#                            extension (JMH ConsumerStartBenchmark, $CONSUMER_FORKS forks each)
#   bench/run.sh record-reads  records the stub's answers to the read mix into bench/wiremock-reads/
#                            (the mappings WireMock serves in readmix; committed, re-recorded by hand)
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
# Settings are environment variables, e.g. DURATION=60s CONNECTIONS=64 bench/run.sh; for a quick try
# of the script, e.g. WARMUP=2s DURATION=3s STARTS=1 CONSUMER_FORKS=2 bench/run.sh all
set -euo pipefail
cd "$(dirname "$0")/.."

# The stub is started exactly as the README's run command starts it (if that command gets JVM
# flags, put the same ones here); the script only adds --host and --port.
STUB_CMD=(java -XX:SharedArchiveFile=server-stub/target/csbs-server-stub.jsa -jar server-stub/target/csbs-server-stub.jar)
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
AOT_CACHE=server-stub/target/csbs-server-stub.aot
STUB25_CMD=("$JDK25/bin/java" -XX:AOTCache="$AOT_CACHE" -jar server-stub/target/csbs-server-stub.jar)
# WireMock as its docs run it standalone, with the request journal off (the stub's load runs have none),
# and --root-dir: bench/wiremock (the documented POST's mapping), or for the read mix
# bench/wiremock-reads (the stub's recorded answers, run.sh record-reads), a root of its own so that
# the POST rows' WireMock has its one mapping only.
WIREMOCK_CMD=(java -jar bench/target/wiremock-standalone.jar --no-request-journal
              --disable-banner --disable-request-logging)
WIREMOCK_ROOT=bench/wiremock
WIREMOCK_READS_ROOT=bench/wiremock-reads
# The read mix: every backup available at once, so the stub's answers stay the same for the whole run,
# and are the ones recorded for WireMock (with the default 3 s they change during the first seconds).
READS_STUB_ARGS=(--backup-duration 0)
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
# The read mix: the kinds of request bench/read-mix.lua sends, in this order, over and over.
READ_MIX=${READ_MIX:-page,checkpoint,get,count}
# The first seconds after start, without warm-up.
FIRST_DURATION=${FIRST_DURATION:-10s}
# JMH forks (fresh JVMs) per side of ConsumerStartBenchmark; empty: the class's @Fork (13).
CONSUMER_FORKS=${CONSUMER_FORKS:-}

# The README's documented request; its body is bench/request.json, which post.lua sends too.
REQ_PATH=/v1/b942cc8342734d15bcb246babb1953cf/providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/checkpoints
# The read mix: the store is filled with this many documented POSTs (one checkpoint each, with a backup
# per resource: 2), the stub's default --max-checkpoints; the ids that read-mix.lua asks for are the
# first READ_IDS backups of the listing (newest first) and their checkpoints. Recorded for WireMock:
# changing either means running record-reads again.
PROJECT_PATH=/v1/b942cc8342734d15bcb246babb1953cf
FILL_CHECKPOINTS=1000
READ_IDS=16

# The request journal off, as WireMock's is (bench/journal-cost.sh measures what it costs).
STUB_ARGS=(--journal-size 0)   # heap mode adds --max-checkpoints here
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

# Starts server $1 (stub|stub25|wiremock|prism) on port $2 in the background; sets SERVER_PID.
# With $3 = reads, as the read mix needs it: the stub's backups available at once, WireMock with the
# recorded answers of the read mix.
start_server() {
    local name=$1 port=$2 variant=${3:-} log="$LOGS/$1-$2.log" args=("${STUB_ARGS[@]}") root=$WIREMOCK_ROOT
    if [[ $variant == reads ]]; then
        args+=("${READS_STUB_ARGS[@]}")
        root=$WIREMOCK_READS_ROOT
    fi
    case $name in
        stub)
            "${STUB_CMD[@]}" --host 127.0.0.1 --port "$port" "${args[@]}" >"$log" 2>&1 &
            ;;
        stub25)
            "${STUB25_CMD[@]}" --host 127.0.0.1 --port "$port" "${args[@]}" >"$log" 2>&1 &
            ;;
        wiremock) "${WIREMOCK_CMD[@]}" --root-dir "$root" --bind-address 127.0.0.1 --port "$port" >"$log" 2>&1 & ;;
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

# GET of a path under the demo project ($2), to port $1; prints the body, fails unless it is a 200.
get_body() {
    local out="$LOGS/get-$(now_us).json" code
    code=$(curl -s -o "$out" -w '%{http_code}' --max-time 30 -H 'X-Auth-Token: csbs-demo-token' \
        -H 'Accept: application/json' "http://127.0.0.1:$1$PROJECT_PATH$2" || true)
    [[ $code == 200 ]] || die "GET $PROJECT_PATH$2 answered $code, not 200 (log: $LOGS)"
    cat "$out"
}

# The read mix's probe: the count of available backups, which every server of the mix answers.
count_status() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H 'X-Auth-Token: csbs-demo-token' \
        -H 'Accept: application/json' "http://127.0.0.1:$1$PROJECT_PATH/checkpoint_items/count?status=available" || true
}

# Polls every ~5 ms until the probe ($5: post_status, the documented POST, by default) answers 200;
# fails if the server exits, answers anything but 200, or takes longer than 60 s. The loop forks
# nothing until the port accepts a connection (a fork every 5 ms would take CPU from the server that
# is starting): bash connects with /dev/tcp, and pauses with a timed read on a FIFO that nobody writes to.
wait_for_200() {
    local name=$1 port=$2 pid=$3 t0=$4 probe=${5:-post_status} code
    while :; do
        if { : <>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
            code=$($probe "$port")
            [[ $code == 200 ]] && return 0
            [[ $code == 000 ]] || die "$name answered $code, not 200, to $probe (log: $LOGS)"
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
    local name=$1 port=$2 duration=$3
    shift 3
    run_wrk_script bench/post.lua "$REQ_PATH" "$name" "$port" "$duration" "$@"
}

# The same with the read mix (bench/read-mix.lua); args: server, port, duration, backup ids, checkpoint ids.
run_wrk_reads() {
    run_wrk_script bench/read-mix.lua / "$1" "$2" "$3" "$READ_MIX" "$4" "$5"
}

# run_wrk_script SCRIPT PATH NAME PORT DURATION [SCRIPT ARGS...]: what run_wrk does, with any script.
run_wrk_script() {
    local script=$1 path=$2 name=$3 port=$4 duration=$5 out result extra=()
    shift 5
    (($#)) && extra=(-- "$@")
    out="$LOGS/wrk-$name-$(basename "$script" .lua)-$duration-$(now_us).txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 30s --latency -s "$script" \
        "http://127.0.0.1:$port$path" "${extra[@]}" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed"; }
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

# The read mix's store on a stub: at least $FILL_CHECKPOINTS documented POSTs, in 1 s rounds of wrk
# whose threads stop at their share of what is left (the store keeps the newest $FILL_CHECKPOINTS
# checkpoints, so a few more change nothing); then checks that it holds 2 backups for each.
fill_store() {
    local name=$1 port=$2 sent=0 rounds=0 result count
    while ((sent < FILL_CHECKPOINTS)); do
        ((++rounds <= 60)) || die "$name: only $sent creates in 60 rounds of 1 s"
        result=$(run_wrk "$name" "$port" 1s $(((FILL_CHECKPOINTS - sent + THREADS - 1) / THREADS)))
        sent=$((sent + $(field "$result" requests)))
    done
    count=$(get_body "$port" /checkpoint_items/count)
    [[ $count == "{\"count\":$((2 * FILL_CHECKPOINTS))}" ]] \
        || die "$name: after $sent creates the store holds $count backups, not $((2 * FILL_CHECKPOINTS))"
    echo "readmix $name: store filled ($sent creates; backups: $count)"
}

# The ids the read mix asks for: the first $READ_IDS backups of the listing on port $1 and their
# checkpoints (distinct, in order); sets READ_BACKUP_IDS and READ_CHECKPOINT_IDS (separated by commas).
read_ids() {
    local ids
    ids=$(get_body "$1" "/checkpoint_items?limit=$READ_IDS" | python3 -c 'import json, sys
items = json.load(sys.stdin)["checkpoint_items"]
print(",".join(i["id"] for i in items), ",".join(dict.fromkeys(i["checkpoint_id"] for i in items)))')
    read -r READ_BACKUP_IDS READ_CHECKPOINT_IDS <<<"$ids"
    [[ -n $READ_BACKUP_IDS && -n $READ_CHECKPOINT_IDS ]] || die "no backups listed on port $1"
}

# Each distinct request of the read mix once, with curl, on port $1: each must be answered 200
# (during the run, read-mix.lua sees only wrk's count of statuses 400 and above).
check_reads() {
    local port=$1 kind id
    for kind in ${READ_MIX//,/ }; do
        case $kind in
            page) get_body "$port" /checkpoint_items >/dev/null ;;
            checkpoint) for id in ${READ_CHECKPOINT_IDS//,/ }; do get_body "$port" "/checkpoint_items?checkpoint_id=$id" >/dev/null; done ;;
            get) for id in ${READ_BACKUP_IDS//,/ }; do get_body "$port" "/checkpoint_items/$id" >/dev/null; done ;;
            count) get_body "$port" "/checkpoint_items/count?status=available" >/dev/null ;;
            *) die "unknown kind of request '$kind' in READ_MIX (page, checkpoint, get, count)" ;;
        esac
    done
}

# Read-heavy mix: the server as the mix needs it (the stub filled with $FILL_CHECKPOINTS checkpoints,
# WireMock with the recorded answers, Prism as it is), the ids read from it, each request checked
# once, then a warm-up and the measured run of read-mix.lua; sets READMIX_<name> to the measured RESULT line.
measure_readmix() {
    local name=$1 port result
    port=$(free_port)
    start_server "$name" "$port" reads
    wait_for_200 "$name" "$port" "$SERVER_PID" "$(now_us)" count_status
    [[ $name != stub* ]] || fill_store "$name" "$port"
    read_ids "$port"
    check_reads "$port"
    echo "readmix $name: warm-up $WARMUP ..."
    run_wrk_reads "$name" "$port" "$WARMUP" "$READ_BACKUP_IDS" "$READ_CHECKPOINT_IDS" >/dev/null
    echo "readmix $name: measuring $DURATION ($READ_MIX), $THREADS threads, $CONNECTIONS connections ..."
    result=$(run_wrk_reads "$name" "$port" "$DURATION" "$READ_BACKUP_IDS" "$READ_CHECKPOINT_IDS")
    echo "  $result"
    stop_server
    printf -v "READMIX_$name" '%s' "$result"
}

# The first seconds: start the server, wait for its first 200 (as start-up does), then at once wrk the
# documented POST for $FIRST_DURATION, no warm-up; sets FIRST_<name> to the RESULT line.
measure_first10s() {
    local name=$1 port result
    port=$(free_port)
    start_server "$name" "$port"
    wait_for_200 "$name" "$port" "$SERVER_PID" "$(now_us)"
    result=$(run_wrk "$name" "$port" "$FIRST_DURATION")
    echo "first $FIRST_DURATION after start, $name: $result"
    stop_server
    printf -v "FIRST_$name" '%s' "$result"
}

# Records the stub's answers to every request of the read mix (and to the request for the ids) into
# $WIREMOCK_READS_ROOT/mappings/read-mix.json: one mapping per request, matched on the exact URL,
# with the stub's body as it was sent. Run by hand when the stub's answers change; the result is committed.
record_reads() {
    local port p i=0 paths=()
    port=$(free_port)
    start_server stub "$port" reads
    wait_for_200 stub "$port" "$SERVER_PID" "$(now_us)" count_status
    fill_store stub "$port"
    read_ids "$port"
    paths=("/checkpoint_items?limit=$READ_IDS" /checkpoint_items "/checkpoint_items/count?status=available")
    for p in ${READ_CHECKPOINT_IDS//,/ }; do paths+=("/checkpoint_items?checkpoint_id=$p"); done
    for p in ${READ_BACKUP_IDS//,/ }; do paths+=("/checkpoint_items/$p"); done
    mkdir -p "$LOGS/recorded"
    for p in "${paths[@]}"; do
        i=$((i + 1))
        printf '%s\n' "$PROJECT_PATH$p" >"$LOGS/recorded/$i.url"
        get_body "$port" "$p" >"$LOGS/recorded/$i.body"
    done
    stop_server
    rm -rf "$WIREMOCK_READS_ROOT"
    mkdir -p "$WIREMOCK_READS_ROOT/mappings"
    python3 - "$LOGS/recorded" "$i" "$WIREMOCK_READS_ROOT/mappings/read-mix.json" <<'PY'
import json, sys
folder, count, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
mappings = []
for i in range(1, count + 1):
    url = open(f"{folder}/{i}.url").read().strip()
    body = open(f"{folder}/{i}.body", "rb").read().decode("utf-8")
    mappings.append({"request": {"method": "GET", "url": url},
                     "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": body}})
with open(target, "w") as out:
    json.dump({"mappings": mappings}, out, indent=2)
    out.write("\n")
PY
    echo "recorded $i answers of the stub into $WIREMOCK_READS_ROOT/mappings/read-mix.json" \
        "($(du -h "$WIREMOCK_READS_ROOT/mappings/read-mix.json" | cut -f1))"
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
    java -jar bench/target/benchmarks.jar StubStartBenchmark -foe true -rf json -rff "$json" >"$LOGS/jmh-start.txt" 2>&1 \
        || { cat "$LOGS/jmh-start.txt" >&2; die "the JMH benchmark failed"; }
    INPROCESS=$(python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))[0]["primaryMetric"]["scorePercentiles"]; print("%.1f %.1f" % (p["50.0"], p["90.0"]))' "$json")
    echo "  median, p90 (ms): $INPROCESS"
}

# A consumer's first test in a fresh JVM, ours against WireMock's (JMH single shot, one fresh JVM per
# sample): sets CONSUMER to "our median, min, max, WireMock's median, min, max, samples each" (ms).
measure_consumer() {
    local json="$LOGS/jmh-consumer.json" forks=()
    [[ -z $CONSUMER_FORKS ]] || forks=(-f "$CONSUMER_FORKS")
    echo "consumer's first test: JMH ConsumerStartBenchmark${CONSUMER_FORKS:+, $CONSUMER_FORKS forks each} ..."
    java -jar bench/target/benchmarks.jar ConsumerStartBenchmark -foe true "${forks[@]}" -rf json -rff "$json" \
        >"$LOGS/jmh-consumer.txt" 2>&1 || { cat "$LOGS/jmh-consumer.txt" >&2; die "the JMH benchmark failed"; }
    CONSUMER=$(python3 -c 'import json, sys
runs = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
def cols(m):
    p = m["scorePercentiles"]
    return "%.0f %.0f %.0f" % (p["50.0"], p["0.0"], p["100.0"])
print(cols(runs["csbsStub"]), cols(runs["wireMock"]),
      min(sum(len(f) for f in m["rawData"]) for m in runs.values()))' "$json")
    read -r om omin omax wm wmin wmax n <<<"$CONSUMER"
    echo "  @CsbsStub: median $om ms ($omin-$omax); WireMock: median $wm ms ($wmin-$wmax); $n forks each"
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

# The label of server $1 in the tables.
server_label() {
    case $1 in
        stub) echo "stub, $(java -version 2>&1 | head -n 1 | cut -d'"' -f2), CDS archive" ;;
        stub25) echo "stub, $("$JDK25/bin/java" -version 2>&1 | head -n 1 | cut -d'"' -f2), AOT cache" ;;
        wiremock) echo "WireMock $WIREMOCK_VERSION standalone" ;;
        prism) echo "Prism $PRISM_VERSION mock" ;;
    esac
}

# A table of requests/s, p50 and p99 from the RESULT lines in <prefix>_<server> ($1), after a caption
# (the other args); nothing when no server has one.
print_rate_table() {
    local prefix=$1 caption="${*:2}" name var any=
    for name in "${SERVERS[@]}"; do var="${prefix}_$name"; [[ -z ${!var:-} ]] || any=1; done
    [[ -n $any ]] || return 0
    echo
    echo "$caption"
    echo
    echo "| server | requests/s | p50 | p99 |"
    echo "| --- | ---: | ---: | ---: |"
    for name in "${SERVERS[@]}"; do
        var="${prefix}_$name"
        [[ -n ${!var:-} ]] || continue
        echo "| $(server_label "$name") | $(printf '%.0f' "$(field "${!var}" rps)") | $(ms "$(field "${!var}" p50_us)") |" \
            "$(ms "$(field "${!var}" p99_us)") |"
    done
}

# "throughput / WireMock: R; p99 A vs WireMock B" for the RESULT lines $1 (a stub's) and $2
# (WireMock's); with $3 = targets, each part says whether it meets the issue's target: at least
# WireMock's rate (1x), and a p99 no worse than WireMock's.
wiremock_ratio() {
    awk -v s="$(field "$1" rps)" -v w="$(field "$2" rps)" -v s99="$(field "$1" p99_us)" \
        -v w99="$(field "$2" p99_us)" -v targets="${3:-}" 'BEGIN {
        printf "throughput / WireMock: %.2fx", s / w
        if (targets) printf " (target >= 1x, at least WireMock'"'"'s rate: %s)", (s >= w ? "met" : "MISSED")
        printf "; p99 %.2f ms vs WireMock %.2f ms", s99 / 1000, w99 / 1000
        if (targets) printf " (target: no worse: %s)", (s99 <= w99 ? "met" : "MISSED")
        printf "\n" }'
}

print_table() {
    local name label rps p50 p99 st rss any=
    for name in "${SERVERS[@]}"; do
        local load_var="LOAD_$name" start_var="STARTUP_$name"
        [[ -z ${!load_var:-} && -z ${!start_var:-} ]] || any=1
    done
    if [[ -n $any ]]; then
        echo
        echo "Documented POST in steady state (warm-up $WARMUP, then $DURATION measured; $THREADS threads," \
            "$CONNECTIONS connections), and process start to the first 200:"
        echo
        echo "| server | requests/s | p50 | p99 | start-up to first 200 (median of $STARTS, min-max) | RSS after load |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    fi
    for name in "${SERVERS[@]}"; do
        [[ -n $any ]] || break
        label=$(server_label "$name")
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
    print_rate_table READMIX "Read-heavy mix ($READ_MIX, bench/read-mix.lua; the stub holding $FILL_CHECKPOINTS checkpoints," \
        "WireMock its recorded answers; warm-up $WARMUP, then $DURATION measured; $THREADS threads, $CONNECTIONS connections):"
    print_rate_table FIRST "Documented POST, the first $FIRST_DURATION after the first 200, no warm-up ($THREADS threads, $CONNECTIONS connections):"
    echo
    [[ -z ${INPROCESS:-} ]] || { read -r med p90 <<<"$INPROCESS"; echo "In-process start of a further stub in one JVM" \
        "(start + first 200, JMH single shot): median $med ms, p90 $p90 ms (target <= 50 ms:" \
        "$(awk -v m="$med" 'BEGIN { print (m <= 50 ? "met" : "MISSED") }'))"; echo; }
    if [[ -n ${CONSUMER:-} ]]; then
        read -r om omin omax wm wmin wmax n <<<"$CONSUMER"
        echo "A consumer's first test in a fresh JVM (JUnit Platform Launcher, JMH single shot, $n forks each):" \
            "@CsbsStub ready with its first contract verdict median $om ms ($omin-$omax), WireMock's JUnit 5" \
            "extension ready median $wm ms ($wmin-$wmax): $(awk -v o="$om" -v w="$wm" 'BEGIN {
                printf "ours / WireMock %.2fx (target: ours <= WireMock'"'"'s: %s)", o / w, (o <= w ? "met" : "MISSED") }')"
        echo
    fi
    for name in stub stub25; do
        local load_var="LOAD_$name" start_var="STARTUP_$name" reads_var="READMIX_$name" first_var="FIRST_$name"
        [[ -n ${!load_var:-} || -n ${!start_var:-} || -n ${!reads_var:-} || -n ${!first_var:-} ]] || continue
        echo "$name:"
        if [[ -n ${!load_var:-} && -n ${LOAD_wiremock:-} ]]; then
            echo "  documented POST, $(wiremock_ratio "${!load_var}" "$LOAD_wiremock" targets)"
        fi
        if [[ -n ${!load_var:-} && -n ${LOAD_prism:-} ]]; then
            awk -v s="$(field "${!load_var}" rps)" -v p="$(field "$LOAD_prism" rps)" 'BEGIN {
                printf "  documented POST, throughput / Prism: %.1fx\n", s / p }'
        fi
        if [[ -n ${!reads_var:-} && -n ${READMIX_wiremock:-} ]]; then
            echo "  read-heavy mix, $(wiremock_ratio "${!reads_var}" "$READMIX_wiremock")"
        fi
        if [[ -n ${!first_var:-} && -n ${FIRST_wiremock:-} ]]; then
            echo "  first $FIRST_DURATION, $(wiremock_ratio "${!first_var}" "$FIRST_wiremock")"
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
    [[ -z $MAX_CHECKPOINTS ]] || STUB_ARGS+=(--max-checkpoints "$MAX_CHECKPOINTS")
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
case $mode in
    all | startup | load | readmix | first10s | record-reads | inprocess | consumer | heap | profile) ;;
    *) die "unknown mode '$mode' (all, startup, load, readmix, first10s, inprocess, consumer, record-reads, heap, profile)" ;;
esac
if [[ $mode == all || $mode == inprocess || $mode == consumer ]]; then
    [[ -f bench/target/benchmarks.jar ]] || die "no bench/target/benchmarks.jar; build first: mvn -DskipTests package"
fi
if [[ -f bench/target/wiremock-standalone.jar ]]; then
    WIREMOCK_VERSION=$(unzip -p bench/target/wiremock-standalone.jar META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')
fi
if [[ $mode == all || $mode == startup || $mode == load || $mode == readmix || $mode == first10s ]]; then
    if ensure_aot_cache; then SERVERS+=(stub25); else echo "no JDK 25 at $JDK25: the stub runs on the default JDK only"; fi
    [[ -f bench/target/wiremock-standalone.jar ]] || die "no bench/target/wiremock-standalone.jar; build first: mvn -DskipTests package"
    [[ $mode != all && $mode != readmix || -f $WIREMOCK_READS_ROOT/mappings/read-mix.json ]] \
        || die "no $WIREMOCK_READS_ROOT/mappings/read-mix.json: bench/run.sh record-reads records it"
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
        for name in "${SERVERS[@]}"; do measure_readmix "$name"; done
        for name in "${SERVERS[@]}"; do measure_first10s "$name"; done
        measure_inprocess
        measure_consumer
        print_table
        ;;
    startup) for name in "${SERVERS[@]}"; do measure_startup "$name"; done; print_table ;;
    load) for name in "${SERVERS[@]}"; do measure_load "$name"; done; print_table ;;
    readmix) for name in "${SERVERS[@]}"; do measure_readmix "$name"; done; print_table ;;
    first10s) for name in "${SERVERS[@]}"; do measure_first10s "$name"; done; print_table ;;
    inprocess) measure_inprocess; print_table ;;
    consumer) measure_consumer; print_table ;;
    record-reads) record_reads ;;
    heap) measure_heap ;;
    profile) measure_profile ;;
esac
