-- The Moonwire prelude: runs once per host, before any dialect or script.
-- Bound C# functions never raise or yield (a longjmp across .NET frames is unsafe); they return a
-- status first, and `finish` raises or yields here, on Lua's side. See docs/lua-boundary.md.
local raw = ...

local OK, PENDING_STATUS = 0, 2
-- Yielded with a wait id when a call must wait; local, so no script can forge or see it.
local PENDING = setmetatable({}, { __name = "moonwire.pending" })

local yield, isyieldable = coroutine.yield, coroutine.isyieldable
local create, resume, status = coroutine.create, coroutine.resume, coroutine.status
local error, select, tostring = error, select, tostring
local pack, concat = table.pack, table.concat

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
