-- Wippy's time module, as far as scripts waiting on channels need it. Durations are Go duration
-- strings ("30s", "1m30s") or numbers of nanoseconds (time.SECOND and friends).
local _, raw = ...
local channel = package.loaded.channel
local parse_duration = raw.wippy_duration

local time = {
  NANOSECOND = 1,
  MICROSECOND = 1000,
  MILLISECOND = 1000000,
  SECOND = 1000000000,
  MINUTE = 60000000000,
  HOUR = 3600000000000,
}

local function seconds(duration, name)
  if type(duration) == "number" then return duration / 1e9 end
  if type(duration) == "string" then
    local _, value = parse_duration(duration)
    if value then return value end
    error("bad argument #1 to '" .. name .. "' (invalid duration '" .. duration .. "')", 3)
  end
  error("bad argument #1 to '" .. name .. "' (number or string expected, got " .. type(duration) .. ")", 3)
end

-- after(duration) → a channel that receives the time (os.time()) once the duration has passed.
function time.after(duration)
  local ch = channel.new(1)
  moonwire.after(seconds(duration, "after"), function() ch:send(os.time()) end)
  return ch
end

function time.sleep(duration)
  moonwire.sleep(seconds(duration, "sleep"))
end

_G.time = time
package.loaded.time = time
