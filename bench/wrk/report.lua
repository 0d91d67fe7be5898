-- Loaded into wrk by bench/run.sh: prints one machine-readable line at the end of a run.
--   RESULT <requests> <seconds> <p50 µs> <p99 µs> <non-2xx/3xx answers> <socket errors>
-- With WRK_METHOD=POST, every request is a write of a small post (body and token from the environment).
local method = os.getenv("WRK_METHOD")
if method == "POST" then
    wrk.method = "POST"
    wrk.body = '{"content":"A post written by the benchmark","author_email":"bench@example.com"}'
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN")
end

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format("RESULT %d %.3f %d %d %d %d\n", summary.requests, summary.duration / 1e6,
        latency:percentile(50), latency:percentile(99), errors.status,
        errors.connect + errors.read + errors.write + errors.timeout))
end
