-- POST /api/v1/customers/{id}/interactions with a bearer token: a customer's inbound e-mail, stored, analysed and
-- triaged. The customers and the token come from bench/load.sh through the environment; each request picks the next
-- customer and one of a few messages (calm, annoyed, abusive; English, Italian, Greek) so the write path does all its
-- work: analysis, a case, an abuse incident.
local token = os.getenv("LOAD_TOKEN")
local ids = {}
for id in string.gmatch(os.getenv("LOAD_CUSTOMERS"), "%d+") do ids[#ids + 1] = id end
local bodies = {
  "Hello, could you confirm when the replacement parts will ship? Thanks.",
  "This is the third time the invoice is wrong. I expect a corrected copy today or I will cancel the contract.",
  "Buongiorno, la consegna di ieri era incompleta: mancano due colli. Potete verificare?",
  "Είναι απαράδεκτο, περιμένω την επιστροφή των χρημάτων μου εδώ και ένα μήνα.",
  "You are useless idiots and I will tell everyone on Twitter how you treat customers.",
}
local counter = 0
local thread_offset = 0

setup = function(thread)
  thread:set("thread_offset", thread_offset)
  thread_offset = thread_offset + 7919
  load_threads = load_threads or {}
  table.insert(load_threads, thread)
end

-- The answers that were not a success, by status, for the report.
statuses = {}
response = function(status, headers, body)
  if status >= 300 then
    statuses[tostring(status)] = (statuses[tostring(status)] or 0) + 1
  end
end

request = function()
  counter = counter + 1
  local i = counter + thread_offset
  local id = ids[(i % #ids) + 1]
  local body = bodies[(i % #bodies) + 1]
  local json = '{"channel":"email","direction":"inbound","subject":"Load test","body":"' .. body .. '"}'
  return wrk.format("POST", "/api/v1/customers/" .. id .. "/interactions",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, json)
end
