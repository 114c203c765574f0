// The program's identity in /proc: what ps, top and the program itself see.
#pragma once
#include "options.hpp"

// Makes the process started as `miniload ... PROGRAM` look, from /proc, like
// PROGRAM started by the kernel: its name (comm) always; unless --keep-exe,
// /proc/self/exe (the file behind `fd`, PROGRAM's own descriptor) when the
// privilege allows, and the command line and auxv when the kernel allows.
// Steps the kernel refuses are skipped; --debug says which and why. Call it
// after rewrite_stack, before any of the program's code runs; it closes `fd`.
void take_identity(const Process& p, const Options& o, int fd);
