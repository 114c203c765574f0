/* Row 3: the one library of the small interpreter-free program. */
#define BENCH_LIBRARY
#include "bench.h"

int shared_counter = 5;
int answer(void) { return 42; }
void bump(void) { shared_counter++; }
const char* greeting(void) { return "hello"; }
