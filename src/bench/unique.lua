-- wrk: POST group-full callbacks that are each new to a delivery store: GroupId and EventTime
-- differ per request (the vendor's sample otherwise). The first script argument sets them apart
-- between runs. Non-2xx answers are counted and printed at the end as "non2xx=N".
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local run = "run"
local n = 0
non2xx = 0 -- global: done() reads it from each thread

function init(args)
  run = args[1] or run
end

function request()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"CallbackCommand":"Group.CallbackAfterGroupFull","GroupId":"@TGS#' .. run
    .. '-' .. n .. '","EventTime":"' .. (1670574414123 + n) .. '"}')
end

function response(status)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
  end
  io.write("non2xx=" .. bad .. "\n")
end
