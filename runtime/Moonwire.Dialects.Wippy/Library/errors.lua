-- Wippy's errors module: typed error values with a kind, a message and whether a retry may help.
-- The dialect's C# creates them (userdata "wippy.Error"); raw.wippy_error reads their fields.
local _, raw = ...
local fields_of = raw.wippy_error

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

local methods = {}

function methods:kind()
  return (fields(self))
end

function methods:message()
  local _, message = fields(self)
  return message
end

function methods:retryable()
  local _, _, retryable = fields(self)
  return retryable
end

debug.getregistry()["wippy.Error"] = {
  __name = "wippy.Error",
  __index = methods,
  __tostring = function(err) return methods.message(err) end,
  __gc = raw.wippy_release,
}

-- True when err is an error of that kind; false for anything else (nil included).
function errors.is(err, kind)
  local actual = fields(err)
  return actual ~= nil and actual == kind
end

_G.errors = errors
package.loaded.errors = errors
