-- ARGV: prefix. The line as bits, for an instance's local view of it: {first, bits}, where bit i of bits
-- (SETBIT order) is set while arrival first + i waits; bits run from the head of the line to the last
-- arrival. O(waiting / 8) bytes answered, whatever the number of fans who poll.
-- The bits start at P:wbase. Without it (a new store, or one that ran an older version) they are built
-- from the waiting set, once; when the line is empty they start again after the last arrival, so that
-- they never span more than one line's worth of arrivals.
local seq = tonumber(redis.call('GET', P .. ':seq') or '0')
local base = redis.call('GET', P .. ':wbase')
local head = redis.call('ZRANGE', P .. ':waiting', 0, 0, 'WITHSCORES')
if not base or (#head == 0 and tonumber(base) <= seq) then
  base = (#head == 0) and (seq + 1) or tonumber(head[2])
  redis.call('DEL', P .. ':wbits')
  redis.call('SET', P .. ':wbase', base)
  local from = 0
  repeat
    local chunk = redis.call('ZRANGE', P .. ':waiting', from, from + 9999, 'WITHSCORES')
    for i = 2, #chunk, 2 do
      redis.call('SETBIT', P .. ':wbits', tonumber(chunk[i]) - base, 1)
    end
    from = from + 10000
  until #chunk < 20000
end
base = tonumber(base)
if #head == 0 then return {seq + 1, ''} end
local fromByte = math.floor((tonumber(head[2]) - base) / 8)
local toByte = math.floor((seq - base) / 8)
return {base + fromByte * 8, redis.call('GETRANGE', P .. ':wbits', fromByte, toByte)}
