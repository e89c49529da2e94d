-- wrk: POST the vendor's documented sample (post.lua) to each path given after "--" in turn,
-- one request each, on the same kept-alive connections; the last argument is the query string.
dofile("src/bench/post.lua")
local paths = {}
local query = ""
local next_path = 0

function init(args)
  for i = 1, #args - 1 do paths[#paths + 1] = args[i] end
  query = args[#args]
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path] .. "?" .. query)
end
