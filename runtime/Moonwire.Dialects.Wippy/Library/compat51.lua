-- The Lua 5.1 names Wippy scripts use (its runtime is a gopher-lua fork), over Lua 5.4.
local _ = ...

unpack = table.unpack
loadstring = load
table.getn = function(t) return #t end
math.pow = function(x, y) return x ^ y end
math.mod = math.fmod
string.gfind = string.gmatch

-- bit (LuaJIT's bit library): 32-bit operations whose results are signed 32-bit numbers.
local function tobit(x)
  return ((math.tointeger(x) or math.floor(x)) & 0xffffffff ~ 0x80000000) - 0x80000000
end

bit = {
  tobit = tobit,
  bnot = function(x) return tobit(~tobit(x)) end,
  band = function(x, ...) for _, y in ipairs({ ... }) do x = tobit(x) & tobit(y) end return tobit(x) end,
  bor = function(x, ...) for _, y in ipairs({ ... }) do x = tobit(x) | tobit(y) end return tobit(x) end,
  bxor = function(x, ...) for _, y in ipairs({ ... }) do x = tobit(x) ~ tobit(y) end return tobit(x) end,
  lshift = function(x, n) return tobit((tobit(x) & 0xffffffff) << (n & 31)) end,
  rshift = function(x, n) return tobit((tobit(x) & 0xffffffff) >> (n & 31)) end,
  -- A negative 64-bit value shifted logically still brings its sign bits into the low 32.
  arshift = function(x, n) return tobit(tobit(x) >> (n & 31)) end,
  tohex = function(x, n) return string.format("%0" .. (n or 8) .. "x", tobit(x) & 0xffffffff) end,
}
package.loaded.bit = bit
