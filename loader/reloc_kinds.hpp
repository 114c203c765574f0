// What a relocation does, independent of the machine. arch::classify() maps
// each machine type to one of these; the core applies them. S is the symbol's
// address, A the addend, B the object's load bias, P the place.
#pragma once

// Kinds tested together sit together, so that a test is one range check:
// TpOff..TlsDescArgFirst (the thread-local ones), TlsDesc..TlsDescArgFirst,
// GlobDat..JumpSlot, Abs32..PcRel32.
enum class Reloc : unsigned char {
    None,       // nothing to do
    Relative,   // B + A
    Absolute,   // S + A, a word
    GlobDat,    // S + A (REL machines: S), a word
    JumpSlot,   // S + A (REL machines: S), a word; may be bound lazily
    Copy,       // copy st_size bytes from S into the executable
    TpOff,      // offset of S + A from the thread pointer
    TpOffNeg,   // A minus the offset of S from the thread pointer (i386's
                // TLS_TPOFF32, whose REL addend is negated too)
    DtpMod,     // the TLS module of S
    TlsDesc,    // a two-word TLS descriptor: resolver, argument
    TlsDescArgFirst,  // one laid out argument, resolver (ARM); for REL, the
                      // argument word holds the addend only when no symbol is named
    DtpOff,     // S + A - dtv_offset, offset inside the module's block
    IRelative,  // call the resolver at B + A, store its result
    Abs32,      // S + A, 32 bits (checked to fit)
    PcRel32,    // S + A - P, 32 bits (checked to fit)
    Unknown,    // not supported: an error naming the type
};
