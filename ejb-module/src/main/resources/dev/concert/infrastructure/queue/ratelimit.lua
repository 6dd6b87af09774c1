-- ARGV: prefix, client key. Counts one token request of the client in the current minute of Redis's
-- clock, for all instances together. Returns {requests this minute, seconds until the minute ends}.
local now, second = now_ms()
local minute = math.floor(second / 60)
local key = P .. ':rl:' .. ARGV[2] .. ':' .. minute
local count = redis.call('INCR', key)
if count == 1 then redis.call('EXPIRE', key, 61) end
return {count, 60 - (second % 60)}
