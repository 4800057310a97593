package com.example.csbs.contract.check;

import com.example.csbs.contract.CsbsSpec;
import com.example.csbs.contract.check.Listings.Bracketed;
import com.example.csbs.contract.check.Listings.Sender;
import com.example.csbs.contract.check.ServiceClient.NoResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** What the checks of one run share: the spec, the service, the options, the seeded randomness, the time bound. */
final class CheckRun {

    /** A sent request's answer as judged: the exchange, its body as JSON (or null) and what is wrong with it. */
    record Judged(Exchange exchange, JsonNode json, List<String> problems) {

        boolean ok(int status) {
            return exchange.status() == status && json != null;
        }
    }

    final CsbsSpec spec;
    final Judge judge;
    final ServiceClient service;
    final CheckOptions options;
    final Random random;
    final Holdings holdings = new Holdings();
    /** Checkpoints this run made, to delete before it ends (lifecycle), and those it deleted. */
    final Set<String> created = new LinkedHashSet<>();
    final Set<String> deleted = new LinkedHashSet<>();
    /** The backups of the checkpoints this run made (normalized IDs): the run may restore them. */
    final Set<String> createdBackups = new LinkedHashSet<>();
    /** Backup policies this run created (lifecycle), to delete before it ends, and those it deleted. */
    final Set<String> createdPolicies = new LinkedHashSet<>();
    final Set<String> deletedPolicies = new LinkedHashSet<>();
    /** What the summary must say besides the counts (a bound reached). */
    final List<String> notes = new ArrayList<>();
    private final long seed;
    private final long deadline;
    private final Consumer<CheckResult> report;

    CheckRun(CsbsSpec spec, Judge judge, ServiceClient service, CheckOptions options, long seed, Consumer<CheckResult> report) {
        this.spec = spec;
        this.judge = judge;
        this.service = service;
        this.options = options;
        this.seed = seed;
        this.random = new Random(seed);
        this.deadline = System.nanoTime() + options.maxTime().toNanos();
        this.report = report;
    }

    /** Runs a check and reports its result. */
    CheckResult check(String group, String name, String expected, Findings.Probe probe) throws InterruptedException {
        CheckResult result = Findings.run(group, name, expected, service, probe);
        report(result);
        return result;
    }

    void report(CheckResult result) {
        report.accept(result);
    }

    void note(String note) {
        notes.add(note);
    }

    long seed() {
        return seed;
    }

    boolean timeUp() {
        return remaining().isZero();
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    String project() {
        return options.project();
    }

    /** A UUID from the run's seed: what no service holds. */
    String randomUuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** The operation a call is sent to (by method and path, a literal segment before a parameter), or null. */
    String operationOf(Call call) {
        String[] segments = call.path().split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (CsbsSpec.Operation operation : spec.operations()) {
            String[] template = operation.path().split("/", -1);
            if (!operation.method().equals(call.method()) || template.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < template.length && matches; i++) {
                boolean parameter = template[i].startsWith("{");
                matches = parameter || template[i].equals(segments[i]);
                literals += parameter ? 0 : 1;
            }
            if (matches && literals > bestLiterals) {
                best = operation.operationId();
                bestLiterals = literals;
            }
        }
        return best;
    }

    /** The operation's path with these values (project_id is the run's). */
    String path(String operationId, Map<String, String> values) {
        String path = spec.operationById(operationId).path().replace("{project_id}", project());
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    /**
     * Sends a valid request and judges the answer: status, the spec (request and response), what the spec says the
     * answer means, and for a page or a count its agreement with the whole listing read around it.
     */
    Judged sendValid(Sender sender, String operationId, Call call, Map<String, String> pathValues, Expected expected)
            throws NoResponseException, InterruptedException {
        Bracketed listing = null;
        Exchange exchange;
        String field = Listings.field(operationId);
        boolean page = !operationId.equals("countBackups") && call.query().keySet().stream().anyMatch(Listings.PAGING::contains);
        if (operationId.equals("countBackups")) {
            listing = Listings.bracketed(sender, call, Listings.listingOfCount(call), field);
        } else if (operationId.startsWith("list") && page) {
            listing = Listings.bracketed(sender, call, Listings.whole(call), field);
        }
        exchange = listing == null ? sender.send(call) : listing.exchange();
        List<String> problems = new ArrayList<>();
        JsonNode json = judge.judge(exchange, expected, true, problems);
        if (exchange.status() == 200 && json != null) {
            problems.addAll(Semantics.of(operationId, call, json, project(), pathValues));
            if (listing != null) {
                problems.addAll(operationId.equals("countBackups") ? Listings.countProblems(listing, json)
                        : Listings.pageProblems(listing, json, field));
            }
        }
        return new Judged(exchange, json, problems);
    }
}
