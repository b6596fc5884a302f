#include <sqlite3.h>

/// Binds a copy of the text (SQLITE_TRANSIENT does not import into Swift).
static inline int csqlite_bind_text(sqlite3_stmt *stmt, int index, const char *text, int length) {
    return sqlite3_bind_text(stmt, index, text, length, SQLITE_TRANSIENT);
}
