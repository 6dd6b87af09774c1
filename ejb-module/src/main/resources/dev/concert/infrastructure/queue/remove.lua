-- ARGV: prefix, token. Returns 1 when the token was live.
return drop(ARGV[2])
