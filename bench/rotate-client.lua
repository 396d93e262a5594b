-- wrk script for /api/* figures: spreads requests over 64 client addresses with X-Forwarded-For (believed from
-- loopback: bench/run.sh starts the dashboard with ForwardedHeaders:KnownNetworks=127.0.0.1/32), so the per-client API rate limit
-- (Api:RequestsPerMinute, at most 100,000 a minute) measures nothing and the endpoint's own cost shows.
-- The addresses are only header text: every byte still goes over loopback.
local n = 0
request = function()
  n = n % 64 + 1
  return wrk.format(nil, nil, { ["X-Forwarded-For"] = "127.0.1." .. n })
end
