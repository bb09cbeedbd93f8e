# Writes OUT, a C++ source that holds each data file of INPUTS ("name=path|...") as a byte
# array with an accessor `std::string_view Embedded<name>()`, so the library carries its name
# data without reading files at run time.
file(WRITE ${OUT}.tmp "// Generated from src/screening/data by embed.cmake; do not edit.\n"
     "#include \"screening/embedded_data.hpp\"\n\nnamespace corridor::screening {\n")
string(REPLACE "|" ";" inputs "${INPUTS}")
foreach(pair IN LISTS inputs)
  string(REPLACE "=" ";" kv "${pair}")
  list(GET kv 0 name)
  list(GET kv 1 path)
  file(READ ${path} hex HEX)
  string(LENGTH "${hex}" len)
  math(EXPR bytes "${len} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" body "${body}")
  file(APPEND ${OUT}.tmp "namespace {\nconst unsigned char k${name}[] = {\n${body}0};\n}  // namespace\n"
       "std::string_view Embedded${name}() {\n"
       "  return {reinterpret_cast<const char*>(k${name}), ${bytes}};\n}\n\n")
endforeach()
file(APPEND ${OUT}.tmp "}  // namespace corridor::screening\n")
file(RENAME ${OUT}.tmp ${OUT})
