-- ARGV: prefix, userId, candidate key (SHA-256 of a token), candidate ticket id, presence interval (ms).
-- Returns {1 if created else 0, key, ticket id, ticket...}
local now = now_ms()
local userId, candidate, ticketId = ARGV[2], ARGV[3], ARGV[4]
local existing = redis.call('GET', P .. ':user:' .. userId)
if existing then
  local live = ticket(existing, now)
  if live then
    seen(existing, live, now, tonumber(ARGV[5]))
    return {0, existing, redis.call('HGET', P .. ':token:' .. existing, 'ticket'), live[1], live[2], live[3], live[4], live[5]}
  end
  drop(existing)
end
local arrival = redis.call('INCR', P .. ':seq')
redis.call('HSET', P .. ':token:' .. candidate, 'user', userId, 'arrival', arrival, 'ticket', ticketId)
redis.call('SET', P .. ':user:' .. userId, candidate)
redis.call('ZADD', P .. ':waiting', arrival, candidate)
mark(arrival, 1)
redis.call('ZADD', P .. ':seenw', now, candidate)
local rank = redis.call('ZRANK', P .. ':waiting', candidate)
return {1, candidate, ticketId, userId, 'WAITING', rank + 1, 0, arrival}
