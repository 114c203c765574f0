// Initialisers and finalisers of the objects miniload links.
#pragma once
#include "linkmap.hpp"

// Runs DT_PREINIT_ARRAY of the executable, then DT_INIT and DT_INIT_ARRAY of
// each object, dependencies before dependents and the executable last.
void run_initializers(Linker& l, long argc, char** argv, char** envp);

// Handed to the program in the ABI's finaliser register: runs DT_FINI_ARRAY
// (backwards) and DT_FINI of each object in the reverse order of their
// initialisers.
extern "C" void miniload_fini();
