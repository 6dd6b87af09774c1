-- ARGV: prefix, token, presence interval (ms). Returns the ticket or nil, and records that its fan was
-- seen (at most one write per interval). O(log n): one hash read, ZSCORE, ZRANK, a ZSCORE of presence.
local now = now_ms()
local live = ticket(ARGV[2], now)
if not live then return nil end
seen(ARGV[2], live, now, tonumber(ARGV[3]))
return live
