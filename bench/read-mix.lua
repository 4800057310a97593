-- wrk script: the read-heavy mix of polling clients, over and over in a fixed order (run.sh's readmix).
-- Every request is a GET of the demo project with its token; the kinds:
--   page        GET /v1/{project}/checkpoint_items                      the default page (limit 1000)
--   checkpoint  GET /v1/{project}/checkpoint_items?checkpoint_id={id}   what the SDK's backups_available waiter polls
--   get         GET /v1/{project}/checkpoint_items/{backup id}          getBackup (the backup_deleted / restored waiters)
--   count       GET /v1/{project}/checkpoint_items/count?status=available
--
-- Arguments (after `--`): the mix (kinds separated by commas, sent in that order, e.g.
-- "page,checkpoint,get,count"), the backup ids for `get` and the checkpoint ids for `checkpoint`
-- (each separated by commas; run.sh reads them from the server before the run). The mix repeats
-- once per backup id, so every id is asked for; each wrk thread starts at another place in it.
--
-- done() prints post.lua's "RESULT key=value ..." line. Unlike post.lua, this script has no response()
-- function: with one, wrk copies every body into Lua, and the default page is 1.4 MB (in a 5 s try
-- against WireMock on 2 cores: 255 requests/s with a response(), 1,548 without). So the answers are
-- counted as wrk counts them: non200 is wrk's count of statuses 400 and above (run.sh fails the run on
-- it), and run.sh checks beforehand that each request of the mix is answered 200.

local PROJECT = "/v1/b942cc8342734d15bcb246babb1953cf"
wrk.headers["X-Auth-Token"] = "csbs-demo-token"
wrk.headers["Accept"] = "application/json"

local threads = {}
function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_index", #threads)
end

local function split(list)
   local items = {}
   for item in string.gmatch(list or "", "[^,]+") do table.insert(items, item) end
   return items
end

local requests, next_request = {}, 1

function init(args)
   local mix, ids, checkpoints = split(args[1]), split(args[2]), split(args[3])
   assert(#mix > 0 and #ids > 0 and #checkpoints > 0, "read-mix.lua needs: -- MIX BACKUP_IDS CHECKPOINT_IDS")
   for round = 1, #ids do
      for _, kind in ipairs(mix) do
         local path
         if kind == "page" then
            path = PROJECT .. "/checkpoint_items"
         elseif kind == "checkpoint" then
            path = PROJECT .. "/checkpoint_items?checkpoint_id=" .. checkpoints[(round - 1) % #checkpoints + 1]
         elseif kind == "get" then
            path = PROJECT .. "/checkpoint_items/" .. ids[round]
         elseif kind == "count" then
            path = PROJECT .. "/checkpoint_items/count?status=available"
         else
            error("read-mix.lua: unknown kind of request '" .. kind .. "' (page, checkpoint, get, count)")
         end
         table.insert(requests, wrk.format("GET", path))
      end
   end
   -- Threads spread over the cycle, so that they do not send the same request at the same moment.
   next_request = ((thread_index or 1) - 1) * #mix % #requests + 1
end

function request()
   local r = requests[next_request]
   next_request = next_request % #requests + 1
   return r
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d ok=%d non200=%d socket_errors=%d timeouts=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d\n",
      summary.requests, summary.requests - e.status, e.status, e.connect + e.read + e.write, e.timeout,
      summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), latency.max))
end
