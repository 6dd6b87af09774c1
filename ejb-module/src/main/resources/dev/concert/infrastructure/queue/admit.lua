-- One admission pass, atomic: N instances running it in the same second admit no more than one
-- would, and always from the head of the line.
-- ARGV: prefix, active ttl (ms), default admitPerSecond, default activeMax, waiting idle (ms), active idle (ms).
-- Returns {admitted, lapsed, admitted in the last 10 s, admitted in the last 60 s, active now,
--          admitPerSecond, activeMax, paused as stored (false where an operator has set nothing),
--          waiting fans dropped as idle, active fans dropped as idle, waiting fans who left the line (gone
--          quiet or left) in the last 10 s, the same in the last 60 s, fans waiting now}.
local now, second = now_ms()
local ttl = tonumber(ARGV[2])

-- 0. fans gone quiet: a waiting one loses the place, an active one frees the slot (a hold keeps its fan's
-- record ahead of now). At most IDLE_PER_PASS of each a pass, so that one pass stays short whatever the crowd.
local IDLE_PER_PASS = 2000
local idleWaiting = redis.call('ZRANGEBYSCORE', P .. ':seenw', '-inf', now - tonumber(ARGV[5]), 'LIMIT', 0, IDLE_PER_PASS)
for _, token in ipairs(idleWaiting) do drop(token) end
left(second, #idleWaiting)
local idleActive = redis.call('ZRANGEBYSCORE', P .. ':seena', '-inf', now - tonumber(ARGV[6]), 'LIMIT', 0, IDLE_PER_PASS)
for _, token in ipairs(idleActive) do drop(token) end

-- 1. drop lapsed active tokens: their slots are free again
local lapsedTokens = redis.call('ZRANGEBYSCORE', P .. ':active', '-inf', now)
for _, token in ipairs(lapsedTokens) do drop(token) end

-- 2. how many may be admitted now: the operators' settings, else the configured defaults
local s = redis.call('HMGET', P .. ':settings', 'admitPerSecond', 'activeMax', 'paused')
local perSecond = tonumber(s[1]) or tonumber(ARGV[3])
local activeMax = tonumber(s[2]) or tonumber(ARGV[4])
local admittedKey = P .. ':adm:' .. second
local admittedThisSecond = tonumber(redis.call('GET', admittedKey) or '0')
local admissible = 0
if s[3] ~= '1' then
  admissible = math.min(perSecond - admittedThisSecond, activeMax - redis.call('ZCARD', P .. ':active'))
end

-- 3. move the head of the line to the active set
local admitted = 0
if admissible > 0 then
  local head = redis.call('ZPOPMIN', P .. ':waiting', admissible)
  for i = 1, #head, 2 do
    redis.call('ZADD', P .. ':active', now + ttl, head[i])
    mark(head[i + 1], 0)
    -- the fan's last sighting goes with it: one who walked away just before the front idles out as soon
    local last = redis.call('ZSCORE', P .. ':seenw', head[i])
    redis.call('ZREM', P .. ':seenw', head[i])
    redis.call('ZADD', P .. ':seena', last or now, head[i])
    admitted = admitted + 1
  end
  if admitted > 0 then
    redis.call('INCRBY', admittedKey, admitted)
    redis.call('EXPIRE', admittedKey, 120)
  end
end

-- 4. the measured rates, for wait estimates
return {admitted, #lapsedTokens, lastSeconds('adm', second, 10), lastSeconds('adm', second, 60),
        redis.call('ZCARD', P .. ':active'), s[1], s[2], s[3], #idleWaiting, #idleActive,
        lastSeconds('left', second, 10), lastSeconds('left', second, 60), redis.call('ZCARD', P .. ':waiting')}
