--!dialect wippy
-- Telling errors apart: a refused or failed connection is a retryable INTERNAL error, a connection the
-- security policy forbids is PERMISSION_DENIED. Usage: moonwire run errors.lua [URL] (default: a
-- loopback port where nothing listens).
local url = ... or "ws://127.0.0.1:1/"
local websocket = require("websocket")

local function connect(url)
  local client, err = websocket.connect(url)
  if err then
    if errors.is(err, errors.PERMISSION_DENIED) then
      print("Access denied:", err:message())
    elseif err:retryable() then
      print("Temporary error:", err:message())
    end
    return nil, err
  end
  return client
end

local client, err = connect(url)
if client then
  client:close()
  print("connected")
else
  print("kind", err:kind(), "retryable", err:retryable())
end
