#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, and <libxml/encoding.h> then includes ICU's headers, which
   clash with the ICU copy inside Foundation ("UErrorCode has different definitions"). Nothing here
   uses libxml2's ICU converters (only pointers to encoding handlers), so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/uri.h>
