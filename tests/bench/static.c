/* Row 1: a program with no C library and nothing to link. It exits 0 at
 * once; with the argument "maps" it first prints its mappings and status. */
#include "bench.h"

int main(int argc, char** argv) {
    if (argc > 1 && streq(argv[1], "maps")) report_memory();
    return 0;
}
