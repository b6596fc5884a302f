#include <zlib.h>

/// Initializes `stream` for raw deflate data (no zlib header), as ZIP stores it.
static inline int czlib_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

/// Initializes `stream` to write raw deflate data (no zlib header), as ZIP stores it.
static inline int czlib_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
