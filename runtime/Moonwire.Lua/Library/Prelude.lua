-- The Moonwire prelude: runs once per host, before any dialect or script.
-- Bound C# functions never raise or yield (a longjmp across .NET frames is unsafe); they return a
-- status first, and `finish` raises or yields here, on Lua's side. See docs/lua-boundary.md.
local raw = ...

local OK, PENDING_STATUS = 0, 2
-- Yielded with a wait id when a call must wait; local, so no script can forge or see it.
local PENDING = setmetatable({}, { __name = "moonwire.pending" })

local yield, isyieldable = coroutine.yield, coroutine.isyieldable
local create, resume, status, running = coroutine.create, coroutine.resume, coroutine.status, coroutine.running
local error, select, tostring, type = error, select, tostring, type
local pack, unpack, concat = table.pack, table.unpack, table.concat

-- finish(status, ...): Ok returns the values; Error raises the message at the caller's line; Pending
-- yields to the host and finishes whatever the host resumes with.
local function finish(s, ...)
  if s == OK then return ... end
  if s == PENDING_STATUS then
    if not isyieldable() then
      error("this call has to wait, which only a coroutine can do (start one with moonwire.spawn)", 2)
    end
    return finish(yield(PENDING, (...)))
  end
  error((...), 2)
end

-- A PENDING yield from inside a script's own coroutine goes on out to the host; the answer goes back in.
local function relay(co, ok, ...)
  if ok and (...) == PENDING and status(co) == "suspended" then
    if not isyieldable() then
      error("a coroutine waiting for I/O was resumed outside a host coroutine (use moonwire.spawn)", 3)
    end
    return relay(co, resume(co, yield(PENDING, (select(2, ...)))))
  end
  return ok, ...
end

function coroutine.resume(co, ...)
  return relay(co, resume(co, ...))
end

local function unwrap(ok, ...)
  if ok then return ... end
  error((...), 2)
end

function coroutine.wrap(fn)
  local co = create(fn)
  return function(...)
    return unwrap(relay(co, resume(co, ...)))
  end
end

local Timer = {}
Timer.__index = Timer
Timer.__name = "moonwire.timer"

-- Stops the timer if it has not fired yet; cancelling twice is harmless.
function Timer:cancel()
  return finish(raw.cancel(self[1]))
end

moonwire = {}

-- Waits `seconds`, letting other coroutines and callbacks run meanwhile.
function moonwire.sleep(seconds)
  if not isyieldable() then error("'sleep' must be called inside a coroutine", 2) end
  return finish(raw.sleep(seconds))
end

-- The values each woken coroutine's wake handed it, until its park returns them.
local handed = setmetatable({}, { __mode = "k" })

-- Suspends the calling coroutine until moonwire.wake names it, or `seconds` pass (nil: no limit).
-- Returns true and the values given to wake, or false when the time ran out.
function moonwire.park(seconds)
  if not isyieldable() then error("'park' must be called inside a coroutine", 2) end
  if seconds ~= nil and type(seconds) ~= "number" then
    error("bad argument #1 to 'park' (number expected, got " .. type(seconds) .. ")", 2)
  end
  if not finish(raw.park(seconds)) then return false end
  local co = running()
  local values = handed[co]
  handed[co] = nil
  return true, unpack(values, 1, values.n)
end

-- Resumes a coroutine parked by moonwire.park on a later turn, handing it `...`; false (and nothing
-- happens) when it is not parked.
function moonwire.wake(co, ...)
  local s, woken = raw.wake(co)
  if s ~= OK then return finish(s, woken) end -- a tail call, so the error names the caller's line
  if woken then handed[co] = pack(...) end
  return woken
end

-- Calls fn once after `seconds` (as a plain callback, not a coroutine).
function moonwire.after(seconds, fn)
  local s, id = raw.after(seconds, fn)
  if s ~= OK then return finish(s, id) end -- a tail call, so the error names the caller's line
  return setmetatable({ id }, Timer)
end

-- Runs fn(...) as a new coroutine on the host's next turn; returns that coroutine.
function moonwire.spawn(fn, ...)
  return finish(raw.spawn(fn, ...))
end

-- log(level, ...): level is "debug", "info", "warn" or "error"; values are joined like print's.
function moonwire.log(level, ...)
  local parts = pack(...)
  for i = 1, parts.n do parts[i] = tostring(parts[i]) end
  return finish(raw.log(level, concat(parts, " ", 1, parts.n)))
end

-- The absolute path of `relative` under the script root; escapes are refused.
function moonwire.path(relative)
  return finish(raw.path(relative))
end

local function traceback(message)
  if type(message) ~= "string" then
    message = "(error object is a " .. type(message) .. " value)"
  end
  return debug.traceback(message, 2)
end

return finish, PENDING, traceback
