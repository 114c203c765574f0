#pragma once
alignas(1) constexpr char version_text[] = "miniload 0.1.0\n";
