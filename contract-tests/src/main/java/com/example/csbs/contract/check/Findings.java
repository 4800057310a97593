package com.example.csbs.contract.check;

import com.example.csbs.contract.check.CheckResult.Violation;
import com.example.csbs.contract.check.ServiceClient.NoResponseException;
import com.example.csbs.contract.check.ServiceClient.RefusedCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a check finds while it runs; {@link #run} turns it into the check's result, whatever goes wrong. */
final class Findings {

    /** The body of a check. */
    interface Probe {
        void run(Findings findings) throws NoResponseException, InterruptedException;
    }

    // A generated check keeps the first failed cases only: the reports stay readable, the count says the rest.
    private static final int KEPT = 20;

    private final ServiceClient service;
    private final List<Violation> violations = new ArrayList<>();
    private int cases;
    private int failedCases;
    private String skipped;

    /** The check cannot go on: the reason is already among its violations. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private Findings(ServiceClient service) {
        this.service = service;
    }

    /** Findings of a generated check, whose cases are added one by one ({@link #generatedCase}). */
    static Findings open(ServiceClient service) {
        return new Findings(service);
    }

    CheckResult result(String group, String name, String expected, Duration time) {
        return new CheckResult(group, name, expected, cases, failedCases, violations, skipped, time);
    }

    static CheckResult run(String group, String name, String expected, ServiceClient service, Probe probe) throws InterruptedException {
        Findings findings = new Findings(service);
        long start = System.nanoTime();
        try {
            probe.run(findings);
        } catch (Stop stop) {
            // recorded
        } catch (NoResponseException e) { // sent otherwise than through send(Call)
            findings.violations.add(new Violation(e.getMessage(), null, null, null));
        } catch (RuntimeException e) {
            findings.violations.add(new Violation("the check itself failed: " + ServiceClient.describe(e), null, null, null));
        }
        return new CheckResult(group, name, expected, findings.cases, findings.failedCases, findings.violations,
                findings.skipped, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Sends the call; no answer, or a call refused by the guard, ends the check with that violation. */
    Exchange send(Call call) {
        try {
            return service.send(call);
        } catch (NoResponseException e) {
            violations.add(new Violation(e.getMessage(), service.curl(call), null, null));
            throw new Stop();
        } catch (RefusedCallException e) {
            violations.add(new Violation("the check itself failed: " + e.getMessage(), null, null, null));
            throw new Stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            violations.add(new Violation("interrupted", service.curl(call), null, null));
            throw new Stop();
        }
    }

    /** Each problem is a violation shown by the exchange. */
    void problems(Exchange exchange, List<String> problems) {
        problems.forEach(problem -> violations.add(violation(problem, exchange)));
    }

    void problem(Exchange exchange, String problem) {
        violations.add(violation(problem, exchange));
    }

    /** A violation no single request shows (a listing that disagrees with another). */
    void problem(String problem) {
        violations.add(new Violation(problem, null, null, null));
    }

    /** The check cannot run here (nothing to query); it neither passes nor fails. */
    void skip(String why) {
        skipped = why;
        throw new Stop();
    }

    /** Ends the check now: what was found stands. */
    void stop() {
        throw new Stop();
    }

    boolean failed() {
        return !violations.isEmpty();
    }

    /** One generated case, and what was wrong with it (nothing: it passed). */
    void generatedCase(Call call, Exchange exchange, List<String> problems) {
        cases++;
        if (problems.isEmpty()) {
            return;
        }
        failedCases++;
        if (violations.size() < KEPT) {
            String problem = String.join("; ", problems);
            violations.add(exchange == null ? new Violation(problem, service.curl(call), null, null) : violation(problem, exchange));
        }
    }

    /** One generated case that was a flow of requests, checked as a check of its own. */
    void generatedCase(CheckResult flow) {
        cases++;
        if (flow.failed()) {
            failedCases++;
            if (violations.size() < KEPT) {
                CheckResult.Violation first = flow.violations().get(0);
                violations.add(new Violation(flow.summary(), first.request(), first.status(), first.response()));
            }
        }
    }

    int cases() {
        return cases;
    }

    private Violation violation(String problem, Exchange exchange) {
        return new Violation(service.masked(problem), service.curl(exchange.call()), exchange.status(), service.masked(exchange.body()));
    }
}
