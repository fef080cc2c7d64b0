-- Wippy's errors module: typed error values with a kind, a message, whether a retry may help, and
-- for errors.new also details and the stack where it was made. The values are userdata
-- "wippy.Error" (WippyError in C#, which the other modules return too); raw.wippy_error reads their
-- fields, and what only Lua holds (details, stack) is kept beside them, keyed weakly by the error.
local _, raw = ...
local fields_of, new_error = raw.wippy_error, raw.wippy_new_error
local type, pairs, tostring = type, pairs, tostring

local function fields(err)
  local _, kind, message, retryable = fields_of(err)
  return kind, message, retryable
end

local errors = {
  UNKNOWN = "",
  INVALID = "Invalid",
  NOT_FOUND = "NotFound",
  ALREADY_EXISTS = "AlreadyExists",
  PERMISSION_DENIED = "PermissionDenied",
  TIMEOUT = "Timeout",
  CANCELED = "Canceled",
  UNAVAILABLE = "Unavailable",
  INTERNAL = "Internal",
  CONFLICT = "Conflict",
  RATE_LIMITED = "RateLimited",
}

-- err → { details = table or nil, stack = string }
local extras = setmetatable({}, { __mode = "k" })

-- Details cross into Go and back in Wippy, so the error holds a copy and every details() call gives a
-- fresh one: changing either table never changes the error.
local function copy(value, seen)
  if type(value) ~= "table" then return value end
  seen = seen or {}
  if seen[value] then return seen[value] end
  local result = {}
  seen[value] = result
  for k, v in pairs(value) do result[copy(k, seen)] = copy(v, seen) end
  return result
end

local methods = {}

function methods:kind()
  return (fields(self))
end

function methods:message()
  local _, message = fields(self)
  return message
end

-- true, false, or nil when the error does not say.
function methods:retryable()
  local _, _, retryable = fields(self)
  return retryable
end

function methods:details()
  local extra = extras[self]
  return extra and copy(extra.details)
end

-- The traceback where errors.new made the error; empty for the errors the modules return.
function methods:stack()
  local extra = extras[self]
  return extra and extra.stack or ""
end

debug.getregistry()["wippy.Error"] = {
  __name = "wippy.Error",
  __index = methods,
  __tostring = function(err) return methods.message(err) end,
  __gc = raw.wippy_release,
}

local function is_error(value)
  return fields(value) ~= nil
end

-- Raises a bad argument at the script's line: `level` counts from the caller of check.
local function check(ok, position, name, field, expected, value, level)
  if ok then return end
  local where = field and ("field '" .. field .. "': ") or ""
  error("bad argument #" .. position .. " to '" .. name .. "' (" .. where .. expected .. " expected, got " .. type(value) .. ")", level + 1)
end

-- Not tail-called, so that `level` counts the caller's frame: the stack starts at the script's line.
local function make(kind, message, retryable, details, level)
  local _, err = new_error(kind, message, retryable)
  extras[err] = { details = copy(details), stack = debug.traceback(nil, level + 1) }
  return err
end

-- new("message") or new{message = ..., kind = ..., retryable = ..., details = {...}}; only message is
-- required (kind defaults to UNKNOWN, retryable to unspecified).
function errors.new(spec)
  local err
  if type(spec) == "string" then
    err = make(errors.UNKNOWN, spec, nil, nil, 2)
    return err
  end
  check(type(spec) == "table", 1, "new", nil, "string or table", spec, 2)
  local message, kind, retryable, details = spec.message, spec.kind, spec.retryable, spec.details
  check(type(message) == "string", 1, "new", "message", "string", message, 2)
  check(kind == nil or type(kind) == "string", 1, "new", "kind", "string", kind, 2)
  check(retryable == nil or type(retryable) == "boolean", 1, "new", "retryable", "boolean", retryable, 2)
  check(details == nil or type(details) == "table", 1, "new", "details", "table", details, 2)
  err = make(kind or errors.UNKNOWN, message, retryable, details, 2)
  return err
end

-- A new error "message: <err's message>" with err's kind, retryable and details. Wrapping a value that
-- is not an error (a string from error(), say) gives an UNKNOWN error around its text; nil stays nil.
function errors.wrap(err, message)
  check(type(message) == "string", 2, "wrap", nil, "string", message, 2)
  if err == nil then return nil end
  local wrapped
  if is_error(err) then
    local kind, inner, retryable = fields(err)
    local extra = extras[err]
    wrapped = make(kind, message .. ": " .. inner, retryable, extra and extra.details, 2)
  else
    wrapped = make(errors.UNKNOWN, message .. ": " .. tostring(err), nil, nil, 2)
  end
  return wrapped
end

-- True when err is an error of that kind; false for anything else (nil included).
function errors.is(err, kind)
  local actual = fields(err)
  return actual ~= nil and actual == kind
end

_G.errors = errors
package.loaded.errors = errors
