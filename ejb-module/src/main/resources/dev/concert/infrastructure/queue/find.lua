-- ARGV: prefix, token. Returns the ticket or nil. O(log n): one hash read, ZSCORE, ZRANK.
local live = ticket(ARGV[2], now_ms())
if not live then return nil end
return live
