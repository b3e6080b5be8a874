-- A GET with the headers bench/load.sh passes through the environment: a sign-in cookie for a page, else a bearer token
-- for the API, else none (the plaintext ceiling).
local token = os.getenv("LOAD_TOKEN")
local cookie = os.getenv("LOAD_COOKIE")
request = function()
  local headers = {}
  if cookie ~= nil and cookie ~= "" then
    headers["Cookie"] = cookie
  elseif token ~= nil and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return wrk.format("GET", nil, headers)
end
