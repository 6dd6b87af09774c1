-- ARGV: prefix. Returns {waiting, live active, admitted in the last 60 s, admitPerSecond, activeMax, paused}
-- (the settings as stored: false where an operator has set nothing).
local now, second = now_ms()
local s = redis.call('HMGET', P .. ':settings', 'admitPerSecond', 'activeMax', 'paused')
return {redis.call('ZCARD', P .. ':waiting'), redis.call('ZCOUNT', P .. ':active', '(' .. now, '+inf'),
        lastSeconds('adm', second, 60), s[1], s[2], s[3]}
