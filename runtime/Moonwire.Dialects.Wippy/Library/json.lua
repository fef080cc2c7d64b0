-- Wippy's json module: encode(value) → text, err; decode(text) → value, err. A table whose keys are
-- exactly 1..n is an array (an empty table encodes as []); JSON null decodes to nil.
local _ = ...
local json = {}

local escapes = { ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }

local function escape(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return escapes[c] or string.format("\\u%04x", c:byte()) end) .. '"'
end

local function is_array(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  for i = 1, n do
    if t[i] == nil then return false end
  end
  return true, n
end

local encode_value

local function encode_table(t, out, seen)
  if seen[t] then error("cannot encode a table that contains itself", 0) end
  seen[t] = true
  local array, n = is_array(t)
  if array then
    out[#out + 1] = "["
    for i = 1, n do
      if i > 1 then out[#out + 1] = "," end
      encode_value(t[i], out, seen)
    end
    out[#out + 1] = "]"
  else
    local keys = {}
    for k in pairs(t) do
      if type(k) ~= "string" and type(k) ~= "number" then
        error("cannot encode a table key of type " .. type(k), 0)
      end
      keys[#keys + 1] = tostring(k)
    end
    table.sort(keys)
    out[#out + 1] = "{"
    for i, key in ipairs(keys) do
      if i > 1 then out[#out + 1] = "," end
      local value = t[key]
      if value == nil then value = t[tonumber(key)] end
      out[#out + 1] = escape(key) .. ":"
      encode_value(value, out, seen)
    end
    out[#out + 1] = "}"
  end
  seen[t] = nil
end

function encode_value(v, out, seen)
  local kind = type(v)
  if kind == "nil" then
    out[#out + 1] = "null"
  elseif kind == "boolean" then
    out[#out + 1] = tostring(v)
  elseif kind == "number" then
    if v ~= v or v == math.huge or v == -math.huge then error("cannot encode " .. tostring(v), 0) end
    out[#out + 1] = math.type(v) == "integer" and tostring(v) or string.format("%.17g", v)
  elseif kind == "string" then
    out[#out + 1] = escape(v)
  elseif kind == "table" then
    encode_table(v, out, seen)
  else
    error("cannot encode a value of type " .. kind, 0)
  end
end

function json.encode(value)
  local out = {}
  local ok, err = pcall(encode_value, value, out, {})
  if not ok then return nil, err end
  return table.concat(out)
end

-- Decoding: a recursive descent over the text; errors carry the byte position.
local decode_value

local function fail(pos, what)
  error(string.format("invalid JSON at position %d: %s", pos, what), 0)
end

local function skip(s, pos)
  return s:find("[^ \t\r\n]", pos) or #s + 1
end

local function decode_string(s, pos)
  local parts, i = {}, pos + 1
  while true do
    local c = s:sub(i, i)
    if c == "" then fail(pos, "unterminated string") end
    if c == '"' then return table.concat(parts), i + 1 end
    if c == "\\" then
      local e = s:sub(i + 1, i + 1)
      if e == "u" then
        local hex = s:sub(i + 2, i + 5)
        if not hex:match("^%x%x%x%x$") then fail(i, "bad \\u escape") end
        local code = tonumber(hex, 16)
        i = i + 6
        local low = s:match("^\\u(%x%x%x%x)", i)
        if code >= 0xD800 and code <= 0xDBFF and low then
          code = 0x10000 + (code - 0xD800) * 0x400 + (tonumber(low, 16) - 0xDC00)
          i = i + 6
        end
        parts[#parts + 1] = utf8.char(code)
      else
        local plain = ({ ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" })[e]
        if not plain then fail(i, "bad escape") end
        parts[#parts + 1] = plain
        i = i + 2
      end
    else
      local j = s:find('["\\]', i) or #s + 1
      parts[#parts + 1] = s:sub(i, j - 1)
      i = j
    end
  end
end

local literals = { ["true"] = true, ["false"] = false }

function decode_value(s, pos)
  pos = skip(s, pos)
  local c = s:sub(pos, pos)
  if c == "{" then
    local object = {}
    pos = skip(s, pos + 1)
    if s:sub(pos, pos) == "}" then return object, pos + 1 end
    while true do
      if s:sub(pos, pos) ~= '"' then fail(pos, "object key expected") end
      local key
      key, pos = decode_string(s, pos)
      pos = skip(s, pos)
      if s:sub(pos, pos) ~= ":" then fail(pos, "':' expected") end
      object[key], pos = decode_value(s, pos + 1)
      pos = skip(s, pos)
      local sep = s:sub(pos, pos)
      if sep == "}" then return object, pos + 1 end
      if sep ~= "," then fail(pos, "',' or '}' expected") end
      pos = skip(s, pos + 1)
    end
  elseif c == "[" then
    local array, n = {}, 0
    pos = skip(s, pos + 1)
    if s:sub(pos, pos) == "]" then return array, pos + 1 end
    while true do
      n = n + 1
      array[n], pos = decode_value(s, pos)
      pos = skip(s, pos)
      local sep = s:sub(pos, pos)
      if sep == "]" then return array, pos + 1 end
      if sep ~= "," then fail(pos, "',' or ']' expected") end
      pos = pos + 1
    end
  elseif c == '"' then
    return decode_string(s, pos)
  end
  local number = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
  if number and #number > 0 then
    local value = math.tointeger(tonumber(number)) or tonumber(number)
    if value == nil then fail(pos, "bad number") end
    return value, pos + #number
  end
  for word, value in pairs(literals) do
    if s:sub(pos, pos + #word - 1) == word then return value, pos + #word end
  end
  if s:sub(pos, pos + 3) == "null" then return nil, pos + 4 end
  fail(pos, c == "" and "unexpected end" or "unexpected '" .. c .. "'")
end

function json.decode(text)
  if type(text) ~= "string" then
    error("bad argument #1 to 'decode' (string expected, got " .. type(text) .. ")", 2)
  end
  local ok, value, pos = pcall(decode_value, text, 1)
  if not ok then return nil, value end
  if skip(text, pos) <= #text then return nil, string.format("invalid JSON at position %d: trailing text", pos) end
  return value
end

_G.json = json
package.loaded.json = json
