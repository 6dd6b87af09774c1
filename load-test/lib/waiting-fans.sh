# Shared by poll-cost.sh and poll-profile.sh (sourced): 2 000 fans waiting in a paused line, and the wrk
# script that polls with a random one of their tokens (and, with POLL_ETAG=1, its ETag).

# waiting_fans PORT FILE: pauses admissions through the instance on PORT (ADMIN_API_KEY), issues 2 000
# tokens, polls each once and writes "token ETag" lines to FILE. The line lives in Redis under
# QUEUE_REDIS_PREFIX, which is emptied first.
waiting_fans() {
    local port="$1" file="$2"
    redis-cli -u "$REDIS_URL" --scan --pattern "$QUEUE_REDIS_PREFIX*" | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null
    curl -s -X PUT "http://localhost:$port/api/admin/queue/settings" -H "Authorization: Bearer $ADMIN_API_KEY" \
        -H "Content-Type: application/json" -d '{"paused":true}' >/dev/null
    python3 - "$port" 2000 > "$file" <<'PY'
import http.client, json, sys, uuid
from concurrent.futures import ThreadPoolExecutor
port, count = int(sys.argv[1]), int(sys.argv[2])
def fan(_):
    c = http.client.HTTPConnection("localhost", port, timeout=30)
    c.request("POST", "/api/queue/tokens", json.dumps({"userId": str(uuid.uuid4())}), {"Content-Type": "application/json"})
    token = json.loads(c.getresponse().read())["token"]
    c.request("GET", "/api/queue/status", headers={"Authorization": "Bearer " + token})
    r = c.getresponse(); r.read(); c.close()
    return token + " " + r.getheader("ETag")
with ThreadPoolExecutor(8) as pool:
    print("\n".join(pool.map(fan, range(count))))
PY
    [[ $(grep -c '^[^ ]\+ "' "$file") -eq 2000 ]] || { echo "could not prepare 2000 waiting fans with ETags"; exit 1; }
}

# poll_script FILE: the wrk script (POLL_TOKENS names the file of waiting_fans; POLL_ETAG=1 sends the ETags)
poll_script() {
    cat > "$1" <<'LUA'
local lines = {}
for line in io.lines(os.getenv("POLL_TOKENS")) do lines[#lines + 1] = line end
local with_etag = os.getenv("POLL_ETAG") == "1"
request = function()
  local token, etag = lines[math.random(#lines)]:match("^(%S+)%s*(.*)$")
  local headers = { ["Authorization"] = "Bearer " .. token }
  if with_etag then headers["If-None-Match"] = etag end
  return wrk.format("GET", "/api/queue/status", headers)
end
LUA
}
