-- Shared by bench/load.sh: at the end of a wrk run, one JSON line with what the table needs. A script that counts its
-- answers by status (a `statuses` table in each thread, the threads listed in `load_threads`) gets them summed here.
done = function(summary, latency, requests)
  local errors = summary.errors
  local codes = {}
  for _, thread in ipairs(load_threads or {}) do
    local counted = thread:get("statuses")
    if counted then
      for code, count in pairs(counted) do codes[code] = (codes[code] or 0) + count end
    end
  end
  local parts = {}
  for code, count in pairs(codes) do parts[#parts + 1] = string.format('"%s":%d', code, count) end
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"non2xx":%d,"socket_errors":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors.status, errors.connect + errors.read + errors.write + errors.timeout, table.concat(parts, ",")))
end
