-- ARGV: prefix, token, milliseconds, active idle (ms). An active token stays active at least that long from
-- now: its lapse moves later, never earlier (ZADD XX GT: Redis 6.2 or later), and its fan does not count as
-- idle before then either. Returns 1 when the token is active.
local now = now_ms()
local live = ticket(ARGV[2], now)
if not live or live[2] ~= 'ACTIVE' then return 0 end
redis.call('ZADD', P .. ':active', 'XX', 'GT', now + tonumber(ARGV[3]), ARGV[2])
redis.call('ZADD', P .. ':seena', 'GT', now + tonumber(ARGV[3]) - tonumber(ARGV[4]), ARGV[2])
return 1
