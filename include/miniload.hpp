// libminiload for C++ (C++17 or later): load a shared object, relocate it
// against the host's symbols, look its symbols up. A thin inline layer over
// the C API in miniload.h, which says what is supported.
//
//     miniload::Options options;
//     options.resolver(find_host_symbol, &table).bind(miniload::Binding::now);
//     auto lib = miniload::Library::open("plugin.so", options);
//     if (!lib) { fprintf(stderr, "%s\n", lib.error().message()); return 127; }
//     auto area = lib->get<int (*)(int)>("area");
//     if (area) printf("%d\n", (*area)(7));
//
// Nothing here throws. Failures come back as a Result holding an Error, whose
// message is the line miniload would print ("miniload: PATH: reason").
#pragma once
#include "miniload.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace miniload {

// A failure, with the message it owns.
class Error {
public:
    explicit Error(const char* message) : text_(copy(message, std::strlen(message))) {}
    Error(const Error& other) : text_(other.text_ ? copy(other.text_, std::strlen(other.text_)) : nullptr) {}
    Error(Error&& other) noexcept : text_(other.text_) { other.text_ = nullptr; }
    Error& operator=(Error other) noexcept {
        std::swap(text_, other.text_);
        return *this;
    }
    ~Error() { delete[] text_; }

    // "miniload: PATH: reason", without a newline.
    const char* message() const noexcept { return text_ ? text_ : "miniload: out of memory"; }

private:
    friend class Library;
    struct Adopt {};
    Error(Adopt, char* text) noexcept : text_(text) {}
    static char* copy(const char* s, std::size_t n) noexcept {
        char* t = new (std::nothrow) char[n + 1];
        if (t) std::memcpy(t, s, n + 1);
        return t;
    }
    char* text_;
};

// A value of type T, or the Error that kept it from being made.
template <class T> class [[nodiscard]] Result {
public:
    Result(T value) : ok_(true) { new (&value_) T(std::move(value)); }
    Result(Error error) : ok_(false) { new (&error_) Error(std::move(error)); }
    Result(const Result& other) : ok_(other.ok_) {
        if (ok_) new (&value_) T(other.value_);
        else new (&error_) Error(other.error_);
    }
    Result(Result&& other) noexcept : ok_(other.ok_) {
        if (ok_) new (&value_) T(std::move(other.value_));
        else new (&error_) Error(std::move(other.error_));
    }
    Result& operator=(Result other) noexcept {
        this->~Result();
        new (this) Result(std::move(other));
        return *this;
    }
    ~Result() {
        if (ok_) value_.~T();
        else error_.~Error();
    }

    bool ok() const noexcept { return ok_; }
    explicit operator bool() const noexcept { return ok_; }
    // The value; only when ok().
    T& value() & noexcept { return value_; }
    const T& value() const& noexcept { return value_; }
    T&& value() && noexcept { return std::move(value_); }
    T& operator*() & noexcept { return value_; }
    const T& operator*() const& noexcept { return value_; }
    T* operator->() noexcept { return &value_; }
    const T* operator->() const noexcept { return &value_; }
    T value_or(T fallback) const& { return ok_ ? value_ : fallback; }
    // The error; only when !ok().
    const Error& error() const noexcept { return error_; }

private:
    union {
        T value_;
        Error error_;
    };
    bool ok_;
};

enum class Binding {
    lazy,  // PLT entries are bound at their first call (unless the library asks for -z now)
    now,   // every entry is bound at load, so a missing function is a load error
};

class Library;

// A symbol name with its length and hash worked out once, at compile time
// for a constant: static constexpr miniload::Name area{"area"}; then
// lib.get<int (*)(int)>(area) skips hashing the name on every lookup.
class Name {
public:
    constexpr Name(const char* text) noexcept : c_{text, length_of(text), hash_of(text)} {}
    constexpr const char* text() const noexcept { return c_.text; }
    constexpr std::uint32_t hash() const noexcept { return c_.hash; }
    constexpr const miniload_name& c() const noexcept { return c_; }

private:
    static constexpr std::size_t length_of(const char* s) {
        std::size_t n = 0;
        while (s[n]) ++n;
        return n;
    }
    static constexpr std::uint32_t hash_of(const char* s) {
        std::uint32_t h = 5381;
        for (; *s; ++s) h = h * 33 + static_cast<unsigned char>(*s);
        return h;
    }
    miniload_name c_;
};

// How to load: where the symbols the library needs come from, and when
// they are bound. The dependencies must outlive the call that loads.
class Options {
public:
    Options& resolver(miniload_resolver fn, void* context = nullptr) noexcept {
        c_.resolver = fn;
        c_.context = context;
        return *this;
    }
    // Libraries searched in this order, after the library's own symbols and
    // before the resolver. The loaded library keeps them alive.
    Options& deps(const Library* libraries, std::size_t count) noexcept {
        deps_ = libraries;
        ndeps_ = count;
        return *this;
    }
    template <std::size_t N> Options& deps(const Library (&libraries)[N]) noexcept { return deps(libraries, N); }
    Options& bind(Binding b) noexcept {
        c_.bind_now = b == Binding::now;
        return *this;
    }
    // The name messages use for a library loaded from memory.
    Options& name(const char* n) noexcept {
        c_.name = n;
        return *this;
    }

private:
    friend class Library;
    miniload_options c_{};
    const Library* deps_ = nullptr;
    std::size_t ndeps_ = 0;
};

// A loaded library. Copies share it; the last one to go runs its finalisers
// and unmaps it, and only then lets go of the libraries it was loaded against.
class Library {
public:
    Library() noexcept = default;
    Library(const Library& other) noexcept : p_(other.p_ ? miniload_retain(other.p_) : nullptr) {}
    Library(Library&& other) noexcept : p_(other.p_) { other.p_ = nullptr; }
    Library& operator=(Library other) noexcept {
        std::swap(p_, other.p_);
        return *this;
    }
    ~Library() { miniload_release(p_); }

    static Result<Library> open(const char* path, const Options& options = Options()) {
        return load(path, nullptr, 0, options);
    }
    static Result<Library> open_memory(const void* data, std::size_t size, const Options& options = Options()) {
        return load(nullptr, data, size, options);
    }

    // The symbol `name` the library defines, as a T (a pointer to a function
    // or an object): lib.get<int (*)(int)>("area"). A hash and a few compares.
    // The pointer is only good while the library is loaded.
    template <class T> Result<T> get(const char* name) const {
        static_assert(std::is_pointer<T>::value, "get<T>: T must be a pointer type");
        void* address;
        if (p_ && miniload_symbol(p_, name, &address) == 0) return reinterpret_cast<T>(address);
        return missing(name);
    }

    // The same for a Name made beforehand.
    template <class T> Result<T> get(const Name& name) const {
        static_assert(std::is_pointer<T>::value, "get<T>: T must be a pointer type");
        void* address;
        if (p_ && miniload_symbol_named(p_, &name.c(), &address) == 0) return reinterpret_cast<T>(address);
        return missing(name.text());
    }

    const char* path() const noexcept { return p_ ? miniload_path(p_) : nullptr; }
    std::uintptr_t base() const noexcept { return p_ ? miniload_base(p_) : 0; }
    miniload_library* handle() const noexcept { return p_; }
    explicit operator bool() const noexcept { return p_ != nullptr; }
    // Lets go of this reference now.
    void reset() noexcept {
        miniload_release(p_);
        p_ = nullptr;
    }

private:
    explicit Library(miniload_library* p) noexcept : p_(p) {}

    static Result<Library> load(const char* path, const void* data, std::size_t size, const Options& options) {
        miniload_options c = options.c_;
        miniload_library* few[16];
        miniload_library** deps = few;
        if (options.ndeps_ > 16) {
            deps = new (std::nothrow) miniload_library*[options.ndeps_];
            if (!deps) return Error("miniload: out of memory");
        }
        for (std::size_t i = 0; i < options.ndeps_; ++i) deps[i] = options.deps_[i].p_;
        c.deps = deps;
        c.ndeps = options.ndeps_;
        miniload_error* error = new (std::nothrow) miniload_error;
        miniload_library* p = path ? miniload_open(path, &c, error) : miniload_open_memory(data, size, &c, error);
        if (deps != few) delete[] deps;
        if (p) {
            delete error;
            return Library(p);
        }
        Result<Library> failed = Error(error ? error->message : "miniload: out of memory");
        delete error;
        return failed;
    }

    Error missing(const char* name) const {
        if (!p_) return Error("miniload: no library");
        std::size_t n = miniload_symbol_error(p_, name, nullptr, 0);
        char* text = new (std::nothrow) char[n + 1];
        if (text) miniload_symbol_error(p_, name, text, n + 1);
        return Error(Error::Adopt{}, text);
    }

    miniload_library* p_ = nullptr;
};

}  // namespace miniload
