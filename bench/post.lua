-- wrk script: every request is the README's documented POST (the same for the stub and Prism).
-- The URL given to wrk carries the path; the body is read from bench/request.json (wrk runs from
-- the repository root), the same file run.sh's curl sends, so both send one request.
--
-- Optional argument (after `--`): a per-thread budget; a thread stops after that many responses
-- (heap mode uses it to send a known number of creates).
--
-- done() prints one machine-readable line, "RESULT key=value ...", that run.sh parses.

local f = assert(io.open("bench/request.json", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["X-Auth-Token"] = "csbs-demo-token"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

-- Each wrk thread has its own Lua state: setup() keeps the thread handles so done() can add up
-- the counters (globals, read with thread:get) of every thread.
local threads = {}
function setup(thread)
   table.insert(threads, thread)
end

ok, non200, budget = 0, 0, nil

function init(args)
   budget = tonumber(args[1])
end

-- Counting in Lua, not wrk's "Non-2xx or 3xx" line, because only a 200 is a right answer.
function response(status, headers, body)
   if status == 200 then ok = ok + 1 else non200 = non200 + 1 end
   if budget and ok + non200 >= budget then wrk.thread:stop() end
end

function done(summary, latency, requests)
   local total_ok, total_non200 = 0, 0
   for _, t in ipairs(threads) do
      total_ok = total_ok + t:get("ok")
      total_non200 = total_non200 + t:get("non200")
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d ok=%d non200=%d socket_errors=%d timeouts=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d\n",
      summary.requests, total_ok, total_non200, e.connect + e.read + e.write, e.timeout,
      summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), latency.max))
end
