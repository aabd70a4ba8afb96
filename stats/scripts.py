"""The Lua scripts of the Redis counters (stats/counters.py): each runs atomically in Redis.

Every key they write has a lifetime, so a Redis that never evicts cannot fill up: a reader's
state 26 hours, a read mark 30 minutes, an address's new readers one window, the online set
its window, and the counts waiting for flush_stats (and the running totals, seeded again from
the database when gone) ``KEPT`` after their last change.
"""

# Counts wait in Redis at most this long after their last change: flush_stats folds them
# every minute, so only a Redis its site has abandoned (or a month without flush_stats) loses any.
KEPT = 30 * 24 * 3600

# One round trip per beacon, atomic: the cap on an address's new readers, the ceiling, the
# visit window, the day's unique readers, the online window and the article's read window
# are decided together. Answers {1, visits, online, reads} when counted, {0, ...} past the
# reader's ceiling, {2, the address's new readers, ...} past the address's cap.
RECORD_SCRIPT = """
local now, day, lang, article = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local limit, window, trim = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local visit_gap, read_gap, ttl, member = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]), ARGV[11]
local cap, cap_window, kept = tonumber(ARGV[12]), tonumber(ARGV[13]), tonumber(ARGV[14])
local state = redis.call('HMGET', KEYS[1], 'last', 'ws', 'wc')
local last, ws, wc = tonumber(state[1]), tonumber(state[2]), tonumber(state[3])
if ws == nil and cap > 0 then
  local new_readers = redis.call('INCR', KEYS[7])
  if new_readers == 1 then redis.call('EXPIRE', KEYS[7], cap_window) end
  if new_readers > cap then return {2, new_readers, -1, -1} end
end
if ws == nil or now - ws >= 3600 then ws = now; wc = 0 end
wc = wc + 1
redis.call('HSET', KEYS[1], 'ws', ws, 'wc', wc)
redis.call('EXPIRE', KEYS[1], ttl)
if wc > limit then return {0, -1, -1, -1} end
redis.call('HSET', KEYS[1], 'last', now)
redis.call('HINCRBY', KEYS[2], 'pv:' .. day, 1)
if lang ~= '' then redis.call('HINCRBY', KEYS[2], 'lang:' .. day .. ':' .. lang, 1) end
if last == nil then redis.call('HINCRBY', KEYS[2], 'u:' .. day, 1) end
if last == nil or now - last >= visit_gap then
  redis.call('HINCRBY', KEYS[2], 'v:' .. day, 1)
  if redis.call('EXISTS', KEYS[4]) == 1 then redis.call('INCR', KEYS[4]) end
end
redis.call('EXPIRE', KEYS[2], kept)
redis.call('EXPIRE', KEYS[4], kept)
local visits = tonumber(redis.call('GET', KEYS[4]) or '-1')
redis.call('ZADD', KEYS[3], now, member)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - trim)
redis.call('EXPIRE', KEYS[3], trim)
local online = redis.call('ZCOUNT', KEYS[3], '(' .. (now - window), '+inf')
local reads = -1
if article ~= '' then
  local counted_at = tonumber(redis.call('GET', KEYS[5]) or '')
  if counted_at == nil or now - counted_at >= read_gap then
    redis.call('SET', KEYS[5], now, 'EX', read_gap)
    redis.call('HINCRBY', KEYS[2], 'read:' .. day .. ':' .. article, 1)
    if redis.call('HEXISTS', KEYS[6], article) == 1 then redis.call('HINCRBY', KEYS[6], article, 1) end
  end
  redis.call('EXPIRE', KEYS[6], kept)
  reads = tonumber(redis.call('HGET', KEYS[6], article) or '-1')
end
return {1, visits, online, reads}
"""

# The running totals shown to readers (all visits, each article's reads) live in Redis so a
# beacon needs no database. When missing (first use, Redis emptied, their lifetime over) they
# are seeded once from the database plus what Redis holds that is not yet folded in.
SEED_SCRIPT = """
local field, value, suffix, prefix, kept = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4], tonumber(ARGV[5])
if field == '' then
  if redis.call('EXISTS', KEYS[1]) == 1 then return tonumber(redis.call('GET', KEYS[1])) end
else
  local current = redis.call('HGET', KEYS[1], field)
  if current then return tonumber(current) end
end
local hashes = redis.call('SMEMBERS', KEYS[3])
table.insert(hashes, KEYS[2])
for _, hash in ipairs(hashes) do
  local all = redis.call('HGETALL', hash)
  for i = 1, #all, 2 do
    local name = all[i]
    if string.sub(name, 1, #prefix) == prefix and (suffix == '' or string.sub(name, -#suffix) == suffix) then
      value = value + tonumber(all[i + 1])
    end
  end
end
if field == '' then redis.call('SET', KEYS[1], value) else redis.call('HSET', KEYS[1], field, value) end
redis.call('EXPIRE', KEYS[1], kept)
return value
"""

# Takes the pending counters as a batch under a new name: beacons start a fresh hash at once.
# RENAME keeps the pending hash's lifetime, so a batch never outlives KEPT either.
CLAIM_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SADD', KEYS[3], KEYS[2])
redis.call('EXPIRE', KEYS[3], tonumber(ARGV[1]))
return 1
"""
