#include <zlib.h>

/// Initializes `stream` for raw deflate data (no zlib header), as ZIP stores it.
static inline int czlib_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
