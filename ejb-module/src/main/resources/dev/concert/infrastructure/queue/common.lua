-- Shared by every queue script (prepended to each). Keys, all under one prefix, e.g. "{queue}".
-- For a standalone or Sentinel-managed Redis: the scripts build key names from the prefix instead
-- of declaring them in KEYS, which Redis Cluster would require (the braces, a hash tag, would at
-- least keep every key in one slot):
--   P:seq            INCR counter: the arrival number, fixed at first issue (strict FIFO)
--   P:waiting        sorted set key -> arrival number
--   P:active         sorted set key -> lapse time (ms since the epoch, Redis clock)
--   P:token:<key>    hash user, arrival, ticket (the ticket id the token is made from)
--   P:user:<userId>  the key of the user's live token
--   P:seenw          sorted set key -> when a WAITING fan was last seen (ms, Redis clock), written at most
--                    once per presence interval however often the fan polls; idle ones lose the place
--   P:seena          the same for ACTIVE fans; a hold moves it ahead so that a holding fan never idles out
--   P:wbits, P:wbase the line as bits, for the instances' local views (line.lua): bit (arrival - base) of
--                    P:wbits is set while that arrival waits; no P:wbase: no bits yet (line.lua builds them)
-- A "token" here is always a token's key, its SHA-256: Redis never holds a token itself.
--   P:adm:<second>   admissions in that second (Redis clock), expire after 120 s
--   P:left:<second>  waiting fans who left the line in that second (gone quiet, or left), expire after 120 s
--   P:settings       hash admitPerSecond, activeMax, paused (operators' settings)
-- Time is Redis's own (TIME), never an instance clock.
local P = ARGV[1]
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), tonumber(t[1])
end
-- the live ticket of a token: {user, 'ACTIVE', 0, until, arrival} | {user, 'WAITING', position, 0, arrival} | nil
local function ticket(token, now)
  local held = redis.call('HMGET', P .. ':token:' .. token, 'user', 'arrival')
  local user = held[1]
  if not user then return nil end
  local arrival = tonumber(held[2] or '0')
  local untilMs = redis.call('ZSCORE', P .. ':active', token)
  if untilMs then
    if tonumber(untilMs) <= now then return nil end
    return {user, 'ACTIVE', 0, tonumber(untilMs), arrival}
  end
  local rank = redis.call('ZRANK', P .. ':waiting', token)
  if not rank then return nil end
  return {user, 'WAITING', rank + 1, 0, arrival}
end
-- arrival's bit in the line's bits: 1 when it joins the waiting set, 0 when it leaves it
local function mark(arrival, bit)
  local base = redis.call('GET', P .. ':wbase')
  if base and tonumber(arrival) >= tonumber(base) then
    redis.call('SETBIT', P .. ':wbits', tonumber(arrival) - tonumber(base), bit)
  end
end
local function drop(token)
  local key = P .. ':token:' .. token
  local user = redis.call('HGET', key, 'user')
  local arrival = redis.call('ZSCORE', P .. ':waiting', token)
  if arrival then mark(arrival, 0) end
  -- the line entries go whatever became of the hash (evicted, deleted by hand): a slot never leaks
  local removed = redis.call('ZREM', P .. ':waiting', token) + redis.call('ZREM', P .. ':active', token)
  redis.call('ZREM', P .. ':seenw', token)
  redis.call('ZREM', P .. ':seena', token)
  if not user then return removed > 0 and 1 or 0 end
  redis.call('DEL', key)
  if redis.call('GET', P .. ':user:' .. user) == token then
    redis.call('DEL', P .. ':user:' .. user)
  end
  return 1
end
-- the fan of a live ticket was seen now: recorded only when the last record is at least everyMs old (or
-- missing), so a fan costs one write per interval whatever the poll rate; a record ahead of now (a hold's)
-- is left as it is
local function seen(token, live, now, everyMs)
  local set = live[2] == 'ACTIVE' and P .. ':seena' or P .. ':seenw'
  local last = redis.call('ZSCORE', set, token)
  if not last or now - tonumber(last) >= everyMs then
    redis.call('ZADD', set, 'GT', now, token)
  end
end
-- counts n waiting fans who left the line in this second (for the estimate of how fast the line shortens)
local function left(second, n)
  if n > 0 then
    local key = P .. ':left:' .. second
    redis.call('INCRBY', key, n)
    redis.call('EXPIRE', key, 120)
  end
end
-- the sum of the per-second counters P:<name>:<second> over the last n seconds
local function lastSeconds(name, second, n)
  local sum = 0
  for i = 0, n - 1 do
    sum = sum + tonumber(redis.call('GET', P .. ':' .. name .. ':' .. (second - i)) or '0')
  end
  return sum
end
