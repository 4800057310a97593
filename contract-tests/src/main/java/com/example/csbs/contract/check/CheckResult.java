package com.example.csbs.contract.check;

import java.util.List;

/** What one check found: its name, the documented answer it expects, and what was wrong (nothing: it passed). */
record CheckResult(String name, String expected, List<String> problems) {

    CheckResult {
        problems = List.copyOf(problems);
    }

    boolean passed() {
        return problems.isEmpty();
    }

    /** {@code PASS  unknown plan -> 404 CSBS.3000} or {@code FAIL  unknown plan -> 404 CSBS.3000: why; why}. */
    String line() {
        String check = name + " -> " + expected;
        return passed() ? "PASS  " + check : "FAIL  " + check + ": " + String.join("; ", problems);
    }
}
