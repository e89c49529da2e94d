-- wrk: POST the file that BENCH_BODY_FILE names on every request (keep-alive); at the end one line
-- "BENCH requests=... rps=... p50_us=... p99_us=... non2xx=... errors=..." (non2xx counts every answer outside 200..299).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
wrk.body = file:read("*a")
file:close()
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
   if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
   local bad = 0
   for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
   local e = summary.errors
   io.write(string.format("BENCH requests=%d rps=%.2f p50_us=%d p99_us=%d non2xx=%d errors=%d\n",
      summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), bad,
      e.connect + e.read + e.write + e.timeout + e.status))
end
