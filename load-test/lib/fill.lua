-- wrk script of line-at-depth.sh: POST /api/queue/tokens, each time as a new user, until an answer gives a
-- position of FILL_TARGET or more; every answer goes to FILL_OUT.<thread> as "status position token". Then
-- the thread asks GET /health/live (no fan) until its last fans' answers are in, and stops. The fans still
-- in flight when the target is seen make the line a little longer than the target (at most one a connection).
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  target = tonumber(os.getenv("FILL_TARGET"))
  out = io.open(os.getenv("FILL_OUT") .. "." .. id, "w")
  math.randomseed(os.time() * 1000 + id)
  reached, after = false, 0
  idle = wrk.format("GET", "/health/live")
end

local function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%06x%06x", math.random(0, 0x7fffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), 0x8000 + math.random(0, 0x3fff), math.random(0, 0xffffff), math.random(0, 0xffffff))
end

function request()
  if reached then
    return idle
  end
  return wrk.format("POST", "/api/queue/tokens", { ["Content-Type"] = "application/json" },
    '{"userId":"' .. uuid() .. '"}')
end

function response(status, headers, body)
  if status == 200 and not body:find('"token"') then
    after = after + 1   -- a /health/live answer: by the time every connection had one, no fan of ours is in flight
    if after == 200 then
      out:flush()
      wrk.thread:stop()
    end
    return
  end
  local position = tonumber(body:match('"position"%s*:%s*(%d+)') or "0")
  out:write(status, " ", position, " ", body:match('"token"%s*:%s*"([^"]+)"') or "-", "\n")
  if after >= 200 then
    out:flush()   -- an answer later than the last connection's idle ones
  end
  if position >= target then
    reached = true
  end
end
