-- The comment form's POST with a valid CSRF token and captcha key but a wrong captcha answer:
-- what a form-filling robot costs (CSRF check, rate-limit lookup, validation, captcha lookup,
-- the form rendered again with a new captcha). Answered 200 with the form's errors.
dofile(os.getenv("BENCH_LUA_DIR") .. "/status.lua")

local path = os.getenv("BENCH_PATH")
local body = os.getenv("BENCH_BODY")

function init(args)
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"
end

function request()
  return wrk.format("POST", path, nil, body)
end
