package com.example.csbs.contract.check;

import java.time.Duration;
import java.util.List;

/** A finished run as the reports show it. */
record RunReport(String baseUrl, String project, long seed, boolean lifecycle, List<CheckResult> results, int requests,
                 Duration time, List<String> notes) {

    RunReport {
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }

    long passed() {
        return results.stream().filter(CheckResult::passed).count();
    }

    long failed() {
        return results.stream().filter(CheckResult::failed).count();
    }

    long skipped() {
        return results.stream().filter(CheckResult::isSkipped).count();
    }

    int cases() {
        return results.stream().mapToInt(CheckResult::cases).sum();
    }

    /** {@code 40 passed, 0 failed, 1 skipped; 3000 generated cases, 4512 requests in 14.2 s; seed 42}. */
    String summary() {
        return passed() + " passed, " + failed() + " failed, " + skipped() + " skipped; " + cases() + " generated cases, "
                + requests + " requests in " + seconds(time) + " s; seed " + seed;
    }

    static String seconds(Duration time) {
        return String.format(java.util.Locale.ROOT, "%.1f", time.toMillis() / 1000.0);
    }

    /** What the reports show of a violation: the problem, the request, the answer. */
    static String describe(CheckResult.Violation violation) {
        StringBuilder text = new StringBuilder(violation.problem());
        if (violation.request() != null) {
            text.append("\n  request:  ").append(violation.request());
        }
        if (violation.status() != null) {
            String body = violation.response() == null ? "" : violation.response();
            text.append("\n  response: ").append(violation.status()).append(' ')
                    .append(body.length() <= 4000 ? body : body.substring(0, 4000) + "...");
        }
        return text.toString();
    }
}
