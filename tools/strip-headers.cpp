// strip-headers FILE: drops the section header table (and anything after the
// last loadable byte) from an ELF executable. The kernel and miniload read
// only program headers; section headers are for linkers and debuggers, which
// use the unstripped miniload.elf. Built for and run on the build machine.
#include <cstdio>
#include <cstring>
#include <elf.h>
#include <unistd.h>
#include <vector>

template <class Ehdr, class Phdr> static long strip(std::vector<unsigned char>& f) {
    Ehdr h;
    std::memcpy(&h, f.data(), sizeof h);
    unsigned long end = h.e_phoff + (unsigned long)h.e_phnum * sizeof(Phdr);
    for (unsigned i = 0; i < h.e_phnum; ++i) {
        Phdr p;
        std::memcpy(&p, f.data() + h.e_phoff + i * sizeof(Phdr), sizeof p);
        if (p.p_offset + p.p_filesz > end) end = p.p_offset + p.p_filesz;
    }
    h.e_shoff = 0;
    h.e_shnum = 0;
    h.e_shentsize = 0;
    h.e_shstrndx = 0;
    std::memcpy(f.data(), &h, sizeof h);
    return end <= f.size() ? (long)end : -1;
}

int main(int argc, char** argv) {
    if (argc != 2) return std::fprintf(stderr, "usage: strip-headers FILE\n"), 2;
    FILE* in = std::fopen(argv[1], "rb");
    if (!in) return std::perror(argv[1]), 1;
    std::vector<unsigned char> f;
    for (int c; (c = std::fgetc(in)) != EOF;) f.push_back((unsigned char)c);
    std::fclose(in);
    if (f.size() < sizeof(Elf64_Ehdr) || std::memcmp(f.data(), ELFMAG, SELFMAG))
        return std::fprintf(stderr, "%s: not an ELF file\n", argv[1]), 1;
    long end = f[EI_CLASS] == ELFCLASS64 ? strip<Elf64_Ehdr, Elf64_Phdr>(f) : strip<Elf32_Ehdr, Elf32_Phdr>(f);
    if (end < 0) return std::fprintf(stderr, "%s: segments run past the end of the file\n", argv[1]), 1;
    FILE* out = std::fopen(argv[1], "wb");
    if (!out || std::fwrite(f.data(), 1, (size_t)end, out) != (size_t)end || std::fclose(out))
        return std::perror(argv[1]), 1;
    return 0;
}
