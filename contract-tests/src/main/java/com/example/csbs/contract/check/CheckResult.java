package com.example.csbs.contract.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one check found. A check sends one request or a few (a documented example, a tolerance case, a paging walk,
 * a step of the lifecycle) or many generated cases; it fails on any violation, and each violation names the request
 * that showed it.
 *
 * @param group       what kind of check: documented, tolerance, paging, lifecycle, generated
 * @param name        e.g. {@code executeBackupPolicy: unknown plan}
 * @param expected    the answer it expects, e.g. {@code 404 CSBS.3000}
 * @param cases       generated cases sent (0 for a check that is not generated)
 * @param failedCases generated cases with a violation
 * @param violations  what was wrong (of a generated check: the first few failed cases)
 * @param skipped     why it could not be run, or null
 */
record CheckResult(String group, String name, String expected, int cases, int failedCases, List<Violation> violations,
                   String skipped, Duration time) {

    /** One thing wrong, the request that showed it (curl, token masked; null: none was sent) and the answer (or null). */
    record Violation(String problem, String request, Integer status, String response) {
    }

    /** Violations shown on the console per check; the reports have all that were kept. */
    static final int SHOWN = 3;

    CheckResult {
        violations = List.copyOf(violations);
    }

    boolean passed() {
        return violations.isEmpty() && skipped == null;
    }

    boolean failed() {
        return !violations.isEmpty();
    }

    boolean isSkipped() {
        return violations.isEmpty() && skipped != null;
    }

    boolean generated() {
        return cases > 0;
    }

    /** {@code name -> expected}: the check, as the JUnit test case is named. */
    String title() {
        return name + " -> " + expected;
    }

    /**
     * {@code PASS  unknown plan -> 404 CSBS.3000}, {@code FAIL  unknown plan -> 404 CSBS.3000: why; why},
     * {@code PASS  listBackups: generated valid requests -> ... (400 cases)}, {@code SKIP  ...: why}.
     */
    String line() {
        String counted = generated() ? " (" + cases + " cases)" : "";
        if (isSkipped()) {
            return "SKIP  " + title() + counted + ": " + skipped;
        }
        if (passed()) {
            return "PASS  " + title() + counted;
        }
        return "FAIL  " + title() + counted + ": " + summary();
    }

    /** Why it failed, in one line. */
    String summary() {
        if (generated()) {
            return failedCases + " of " + cases + " cases failed, e.g. " + violations.get(0).problem();
        }
        Set<String> problems = new LinkedHashSet<>();
        violations.forEach(violation -> problems.add(violation.problem()));
        return String.join("; ", problems);
    }

    /** The lines under a FAIL line: the requests that showed the violations (and for generated cases, what each broke). */
    List<String> details() {
        List<String> lines = new ArrayList<>();
        if (generated()) {
            violations.stream().limit(SHOWN).forEach(violation -> {
                lines.add("    - " + violation.problem());
                if (violation.request() != null) {
                    lines.add("      " + violation.request());
                }
            });
            if (violations.size() > SHOWN || failedCases > SHOWN) {
                lines.add("    (" + (failedCases - Math.min(SHOWN, violations.size())) + " more failed cases; the reports keep "
                        + violations.size() + ")");
            }
        } else {
            violations.stream().map(Violation::request).filter(request -> request != null).distinct().limit(SHOWN)
                    .forEach(request -> lines.add("      " + request));
        }
        return lines;
    }
}
