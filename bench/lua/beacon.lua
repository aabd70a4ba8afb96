-- The statistics beacon: POST JSON as the page's script sends it, from a browser, same origin.
-- Every request comes from another reader address (X-Forwarded-For, believed from the loopback
-- proxy), so the hourly per-reader ceiling is never what is measured.
dofile(os.getenv("BENCH_LUA_DIR") .. "/status.lua")

local path = os.getenv("BENCH_PATH")
local body = os.getenv("BENCH_BODY")
local origin = os.getenv("BENCH_ORIGIN")
local counter = 0

function init(args)
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Origin"] = origin
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
end

function request()
  counter = counter + 1
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", id, math.floor(counter / 250) % 250, counter % 250 + 1)
  return wrk.format("POST", path, nil, body)
end
