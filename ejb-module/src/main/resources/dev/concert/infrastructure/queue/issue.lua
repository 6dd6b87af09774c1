-- ARGV: prefix, userId, candidate token. Returns {1 if created else 0, ticket...}
local now = now_ms()
local userId, candidate = ARGV[2], ARGV[3]
local existing = redis.call('GET', P .. ':user:' .. userId)
if existing then
  local live = ticket(existing, now)
  if live then
    return {0, existing, live[1], live[2], live[3], live[4]}
  end
  drop(existing)
end
local arrival = redis.call('INCR', P .. ':seq')
redis.call('HSET', P .. ':token:' .. candidate, 'user', userId, 'arrival', arrival)
redis.call('SET', P .. ':user:' .. userId, candidate)
redis.call('ZADD', P .. ':waiting', arrival, candidate)
local rank = redis.call('ZRANK', P .. ':waiting', candidate)
return {1, candidate, userId, 'WAITING', rank + 1, 0}
