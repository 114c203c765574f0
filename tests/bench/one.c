/* Row 3: a small interpreter-free program with one library: calls through
 * the PLT, a data reference, and the library writing to that data through
 * its own GOT. Exits 0 when every reference was bound right; with the
 * argument "maps" it also prints its mappings and status. */
#include "bench.h"

int answer(void);
void bump(void);
const char* greeting(void);
extern int shared_counter;

int main(int argc, char** argv) {
    if (answer() != 42) return 1;
    bump();
    if (shared_counter != 6) return 2;
    if (greeting()[0] != 'h') return 3;
    if (argc > 1 && streq(argv[1], "maps")) report_memory();
    return 0;
}
