-- ARGV: prefix, token. Returns 1 when the token was live. A waiting fan who leaves counts as having left the line.
local _, second = now_ms()
if redis.call('ZSCORE', P .. ':waiting', ARGV[2]) then left(second, 1) end
return drop(ARGV[2])
