-- ARGV: prefix, token, milliseconds. An active token stays active at least that long from now: its
-- lapse moves later, never earlier (ZADD XX GT: Redis 6.2 or later). Returns 1 when the token is active.
local now = now_ms()
local live = ticket(ARGV[2], now)
if not live or live[2] ~= 'ACTIVE' then return 0 end
redis.call('ZADD', P .. ':active', 'XX', 'GT', now + tonumber(ARGV[3]), ARGV[2])
return 1
