-- The HOOZi host modules that net's examples use besides net: json, log, event and a game stub.
-- Runs once per script before it, with the moonwire table in place.
local moonwire = moonwire

-- json ---------------------------------------------------------------------------------------------
local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }

local function encode_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return escapes[c] or string.format('\\u%04x', c:byte()) end) .. '"'
end

local encode_value

local function encode_table(t, seen)
  if seen[t] then error("cannot encode a table that contains itself") end
  seen[t] = true
  local count, out = 0, {}
  for _ in pairs(t) do count = count + 1 end
  if count == #t then
    for i = 1, #t do out[i] = encode_value(t[i], seen) end
    seen[t] = nil
    return "[" .. table.concat(out, ",") .. "]"
  end
  for k, v in pairs(t) do
    if type(k) ~= "string" and type(k) ~= "number" then error("cannot encode a " .. type(k) .. " key") end
    out[#out + 1] = encode_string(tostring(k)) .. ":" .. encode_value(v, seen)
  end
  table.sort(out)
  seen[t] = nil
  return "{" .. table.concat(out, ",") .. "}"
end

function encode_value(v, seen)
  local kind = type(v)
  if kind == "nil" then return "null"
  elseif kind == "boolean" then return tostring(v)
  elseif kind == "number" then
    if v ~= v or v == math.huge or v == -math.huge then return "null" end
    return math.type(v) == "integer" and string.format("%d", v) or string.format("%.17g", v)
  elseif kind == "string" then return encode_string(v)
  elseif kind == "table" then return encode_table(v, seen)
  end
  error("cannot encode a " .. kind)
end

local decode_value

local function skip(s, i) return s:find("[^ \t\r\n]", i) or #s + 1 end

local function decode_string(s, i)
  local out, j = {}, i + 1
  while true do
    local c = s:sub(j, j)
    if c == "" then error("unterminated string at " .. i) end
    if c == '"' then return table.concat(out), j + 1 end
    if c == "\\" then
      local e = s:sub(j + 1, j + 1)
      if e == "u" then
        local code = tonumber(s:sub(j + 2, j + 5), 16) or error("bad \\u escape at " .. j)
        j = j + 6
        if code >= 0xD800 and code <= 0xDBFF and s:sub(j, j + 1) == "\\u" then
          local low = tonumber(s:sub(j + 2, j + 5), 16) or error("bad \\u escape at " .. j)
          code, j = 0x10000 + (code - 0xD800) * 0x400 + (low - 0xDC00), j + 6
        end
        out[#out + 1] = utf8.char(code)
      else
        local map = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t", ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }
        out[#out + 1] = map[e] or error("bad escape at " .. j)
        j = j + 2
      end
    else
      out[#out + 1] = c
      j = j + 1
    end
  end
end

function decode_value(s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == "{" then
    local t = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "}" then return t, i + 1 end
    while true do
      if s:sub(i, i) ~= '"' then error("expected a key at " .. i) end
      local k; k, i = decode_string(s, i)
      i = skip(s, i)
      if s:sub(i, i) ~= ":" then error("expected ':' at " .. i) end
      t[k], i = decode_value(s, i + 1)
      i = skip(s, i)
      local d = s:sub(i, i)
      if d == "}" then return t, i + 1 end
      if d ~= "," then error("expected ',' or '}' at " .. i) end
      i = skip(s, i + 1)
    end
  elseif c == "[" then
    local t = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "]" then return t, i + 1 end
    while true do
      t[#t + 1], i = decode_value(s, i)
      i = skip(s, i)
      local d = s:sub(i, i)
      if d == "]" then return t, i + 1 end
      if d ~= "," then error("expected ',' or ']' at " .. i) end
      i = i + 1
    end
  elseif c == '"' then return decode_string(s, i)
  elseif s:sub(i, i + 3) == "true" then return true, i + 4
  elseif s:sub(i, i + 4) == "false" then return false, i + 5
  elseif s:sub(i, i + 3) == "null" then return nil, i + 4
  end
  local number = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
  if not number or number == "" then error("unexpected character at " .. i) end
  return math.tointeger(tonumber(number)) or tonumber(number), i + #number
end

json = {
  -- The HOOZi json page: "null" when the value cannot be encoded, never an error.
  encode = function(value)
    local ok, text = pcall(encode_value, value, {})
    return ok and text or "null"
  end,
  decode = function(text)
    if type(text) ~= "string" then return nil, "json.decode expects a string" end
    local ok, value, i = pcall(decode_value, text, 1)
    if not ok then return nil, (tostring(value):gsub("^.-:%d+: ", "")) end
    if skip(text, i) <= #text then return nil, "trailing characters at " .. i end
    return value
  end,
}

-- log ----------------------------------------------------------------------------------------------
log = {
  debug = function(...) moonwire.log("debug", ...) end,
  info = function(...) moonwire.log("info", ...) end,
  warn = function(...) moonwire.log("warn", ...) end,
  error = function(...) moonwire.log("error", ...) end,
}

-- event --------------------------------------------------------------------------------------------
-- frame_update is a 60 Hz host tick that runs while someone listens; script_unloaded comes from the
-- host when the script is unloaded.
local handlers, ticking, last_frame = {}, false, nil
local frame_seconds = 1 / 60

local function emit(name, e)
  e.timestamp = os.time()
  e.source = name
  for _, entry in ipairs(handlers[name] or {}) do entry.fn(e) end
end

local function tick()
  if not handlers.frame_update or #handlers.frame_update == 0 then ticking = false return end
  local now = os.clock()
  emit("frame_update", { delta_time = last_frame and (now - last_frame) or frame_seconds })
  last_frame = now
  moonwire.after(frame_seconds, tick)
end

local next_handle = 0
event = {
  on = function(name, fn)
    if type(name) ~= "string" then error("bad argument #1 to 'on' (string expected, got " .. type(name) .. ")", 2) end
    if type(fn) ~= "function" then error("bad argument #2 to 'on' (function expected, got " .. type(fn) .. ")", 2) end
    -- The script that subscribes is the one that is loaded: its chunk name is its path.
    if rawget(_G, "_SCRIPT_PATH") == nil then
      rawset(_G, "_SCRIPT_PATH", (debug.getinfo(fn, "S").source:gsub("^@", "")))
    end
    next_handle = next_handle + 1
    handlers[name] = handlers[name] or {}
    table.insert(handlers[name], { handle = next_handle, fn = fn })
    if name == "frame_update" and not ticking then
      ticking = true
      moonwire.after(frame_seconds, tick)
    end
    return next_handle
  end,
  off = function(handle)
    for _, list in pairs(handlers) do
      for i, entry in ipairs(list) do
        if entry.handle == handle then table.remove(list, i) return true end
      end
    end
    return false
  end,
}
package.loaded["hoozi.unload"] = function()
  emit("script_unloaded", { script_path = rawget(_G, "_SCRIPT_PATH") })
  handlers = {}
end

-- game ---------------------------------------------------------------------------------------------
-- A stub of the game's local player, so the dashboard example has state to broadcast.
game = {
  localplayer = { health = 100, shield = 50, abs_velocity = { x = 0, y = 0, z = 0 } },
}
