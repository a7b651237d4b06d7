// libxml2 is built with ICU on Debian; its headers would then pull the system's ICU into
// Swift, where it clashes with the ICU copy inside Foundation. vgrid never touches the ICU
// parts of libxml2's encoding handlers, so the ICU declarations are left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
