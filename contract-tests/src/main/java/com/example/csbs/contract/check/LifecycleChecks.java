package com.example.csbs.contract.check;

import com.example.csbs.contract.CsbsSpec;
import com.example.csbs.contract.check.CheckRun.Judged;
import com.example.csbs.contract.check.ServiceClient.NoResponseException;
import com.example.csbs.contract.generate.SchemaGenerators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The consumer's flow, behind --lifecycle because it changes what the service holds: execute the documented request,
 * find its backups (one per requested resource), wait until each is available, count them, query each; delete one by
 * checkpoint_items and then the checkpoint, and wait until each is gone (404 CSBS.3001). Then generated executions
 * (valid bodies: subsets of the plan's resources, nulls, unknown fields) through the same flow. Whatever the run made
 * is deleted before it ends. Every wait is bounded by --wait-timeout and by the run's --max-time.
 */
final class LifecycleChecks {

    static final String GROUP = "lifecycle";
    private static final String AVAILABLE = "available";

    /** A checkpoint this run made: its id and the resources it must back up (lower case). */
    record Execution(String checkpointId, Set<String> resources) {
    }

    /** What a poll found. */
    enum Poll { DONE, WAIT, FAILED }

    interface Poller {
        Poll poll() throws NoResponseException, InterruptedException;
    }

    private final CheckRun run;
    private final String plan;
    private final List<String> planResources;
    // Cleaning up waits its --wait-timeout even past --max-time: what the run made must not stay behind.
    private boolean cleaning;

    private LifecycleChecks(CheckRun run, String plan, List<String> planResources) {
        this.run = run;
        this.plan = plan;
        this.planResources = planResources;
    }

    /** The plan the lifecycle executes: --plan, else the one of the spec's example request. */
    static String plan(CheckRun run) {
        return DocumentedChecks.documentedBody(run.spec, run.options).at("/checkpoint/plan_id").asText();
    }

    /** The plan's resources, as the service lists them; else the ones the options (or the example) name. */
    static List<String> planResources(CheckRun run) {
        return run.holdings.resourcesOf(plan(run)).orElseGet(() -> {
            List<String> named = new ArrayList<>();
            DocumentedChecks.documentedBody(run.spec, run.options).at("/checkpoint/parameters/resources")
                    .forEach(id -> named.add(id.asText()));
            return named;
        });
    }

    /** The documented request's flow, then the generated executions', then the policy's and the resource's. */
    static void run(CheckRun run) throws InterruptedException {
        LifecycleChecks lifecycle = new LifecycleChecks(run, plan(run), planResources(run));
        lifecycle.documented();
        lifecycle.generated();
        new PolicyLifecycle(run, lifecycle).run();
    }

    /** Deletes what the run made and has not deleted yet (the last check of a run with --lifecycle). */
    static void cleanUp(CheckRun run) throws InterruptedException {
        new LifecycleChecks(run, plan(run), planResources(run)).cleanUp();
    }

    /** What the run names what it creates: a user can tell them apart, and find them should a clean-up fail. */
    static String runName(CheckRun run) {
        return "csbs-contract-check-" + Long.toHexString(run.seed());
    }

    /** A helper of the policy lifecycle, which waits and deletes as this one does. */
    static LifecycleChecks helper(CheckRun run) {
        return new LifecycleChecks(run, plan(run), planResources(run));
    }

    private void documented() throws InterruptedException {
        ObjectNode body = DocumentedChecks.documentedBody(run.spec, run.options);
        List<Execution> made = new ArrayList<>();
        run.check(GROUP, CsbsSpec.EXECUTE + ": documented request", "200", findings -> {
            Exchange exchange = findings.send(run.service.post(executePath(), body.toString()));
            List<String> problems = new ArrayList<>();
            Execution execution = execution(exchange, body, problems);
            findings.problems(exchange, problems);
            if (execution != null) {
                made.add(execution);
            }
        });
        // Every step is reported, skipped where the one before left nothing to go on: the same checks in every run.
        Execution execution = made.isEmpty() ? null : made.get(0);
        String noCheckpoint = execution == null ? "the documented request made no checkpoint" : null;
        List<String> backups = new ArrayList<>();
        step("lifecycle: the backups of the checkpoint", "one per resource, each available", noCheckpoint,
                findings -> backups.addAll(awaitAvailable(findings, execution)));
        String noBackups = noCheckpoint != null ? noCheckpoint : backups.isEmpty() ? "its backups did not all become available" : null;
        step("countBackups: the backups of the checkpoint", "the number listed", noBackups, findings -> {
            Call count = run.service.get(run.path("countBackups", Map.of()), Map.of("checkpoint_id", execution.checkpointId()));
            Judged judged = run.sendValid(findings::send, "countBackups", count, Map.of(), Expected.status(200));
            findings.problems(judged.exchange(), judged.problems());
            if (judged.ok(200) && judged.json().path("count").asLong() != backups.size()) {
                findings.problem(judged.exchange(), "count is " + judged.json().path("count").asText() + ", but "
                        + backups.size() + " backups of the checkpoint are listed");
            }
        });
        step("getBackup: each backup of the checkpoint", "200, available, of the checkpoint", noBackups, findings -> {
            for (String backup : backups) {
                Judged judged = get(findings, backup);
                findings.problems(judged.exchange(), judged.problems());
                if (judged.ok(200)) {
                    expectText(findings, judged, "/checkpoint_item/status", AVAILABLE);
                    expectText(findings, judged, "/checkpoint_item/checkpoint_id", execution.checkpointId());
                }
            }
        });
        // The page's two examples: the whole checkpoint, and some of its backups (checkpoint_items).
        List<String> examples = run.spec.exampleRequests("deleteBackup");
        List<String> remaining = new ArrayList<>(backups);
        step("deleteBackup: page example " + examples.get(examples.size() - 1), "200, then only that backup goes",
                noBackups != null ? noBackups : backups.size() < 2 ? "the checkpoint has one backup: none to keep" : null, findings -> {
                    String one = backups.get(0);
                    remaining.remove(one);
                    delete(findings, execution.checkpointId(), Map.of("checkpoint_items", one));
                    if (awaitGone(findings, List.of(one))) {
                        for (String other : remaining) {
                            Judged judged = get(findings, other);
                            findings.problems(judged.exchange(), judged.problems());
                            if (judged.ok(200)) {
                                expectText(findings, judged, "/checkpoint_item/status", AVAILABLE);
                            }
                        }
                    }
                });
        step("deleteBackup: page example " + examples.get(0), "200, then every backup of the checkpoint goes", noBackups, findings -> {
            delete(findings, execution.checkpointId(), Map.of());
            if (awaitGone(findings, remaining)) {
                run.deleted.add(execution.checkpointId());
            }
        });
    }

    /** A step of the flow: run, or skipped for the reason given. */
    private void step(String name, String expected, String skipped, Findings.Probe probe) throws InterruptedException {
        run.check(GROUP, name, expected, skipped == null ? probe : findings -> findings.skip(skipped));
    }

    /** Executions of generated valid bodies (--executions), each through the whole flow, one after the other. */
    private void generated() throws InterruptedException {
        if (run.options.executions() == 0 || planResources.isEmpty()) {
            return;
        }
        OpenAPI openApi = run.spec.parse().getOpenAPI();
        SchemaGenerators bodies = new SchemaGenerators(openApi,
                openApi.getPaths().get(CsbsSpec.OPERATION_PATH).getPost().getRequestBody().getContent().get(ServiceClient.JSON).getSchema(),
                Map.of("checkpoint.plan_id", List.of(plan), "checkpoint.parameters.resources[]", planResources), List.of());
        Findings findings = Findings.open(run.service);
        long start = System.nanoTime();
        for (int i = 0; i < run.options.executions() && !run.timeUp(); i++) {
            JsonNode body = bodies.valid().generate(run.random);
            Call call = run.service.post(executePath(), body.toString());
            Findings.Probe flow = each -> {
                Exchange exchange = each.send(call);
                List<String> problems = new ArrayList<>();
                Execution execution = execution(exchange, body, problems);
                each.problems(exchange, problems);
                if (execution != null) {
                    List<String> backups = awaitAvailable(each, execution);
                    if (!backups.isEmpty()) {
                        delete(each, execution.checkpointId(), Map.of());
                        if (awaitGone(each, backups)) {
                            run.deleted.add(execution.checkpointId());
                        }
                    }
                }
            };
            findings.generatedCase(Findings.run(GROUP, "execution", "", run.service, flow));
        }
        run.report(findings.result(GROUP, "lifecycle: generated executions", "200, backed up as asked, available, deleted",
                Duration.ofNanos(System.nanoTime() - start)));
    }

    /** Deletes what the run made and has not deleted yet, once it can be (available). */
    private void cleanUp() throws InterruptedException {
        cleaning = true;
        List<String> left = run.created.stream().filter(id -> !run.deleted.contains(id)).toList();
        run.check(GROUP, "lifecycle: clean-up", "nothing the run made is left", findings -> {
            // Backups first: a policy's backups stay when it goes, and they are found by their checkpoints anyway.
            for (String checkpoint : left) {
                // Nothing listed any more (deleted by a check that should not have deleted it): nothing to delete.
                List<String> listed = Listings.ids(findings.send(run.service.get(run.path("listBackups", Map.of()),
                        Map.of("checkpoint_id", checkpoint))), "checkpoint_items");
                if (listed != null && listed.isEmpty()) {
                    run.deleted.add(checkpoint);
                    continue;
                }
                Execution execution = new Execution(checkpoint, Set.of());
                List<String> backups = awaitSettledBackups(findings, execution).stream().map(item -> item.path("id").asText()).toList();
                if (!backups.isEmpty()) {
                    delete(findings, checkpoint, Map.of());
                    if (awaitGone(findings, backups)) {
                        run.deleted.add(checkpoint);
                    }
                }
            }
            List<String> still = left.stream().filter(id -> !run.deleted.contains(id)).toList();
            if (!still.isEmpty()) {
                findings.problem("the run made checkpoints it could not delete: " + still + "; delete them by hand");
            }
            // A policy is gone when it reads 404 after its deletion (a 200 alone deletes nothing on a wrong service).
            for (String policy : run.createdPolicies.stream().filter(id -> !run.deletedPolicies.contains(id)).toList()) {
                String path = run.path("deleteBackupPolicy", Map.of("policy_id", policy));
                findings.send(run.service.delete(path, Map.of()));
                if (findings.send(run.service.get(path, Map.of())).status() == 404) {
                    run.deletedPolicies.add(policy);
                }
            }
            List<String> policies = run.createdPolicies.stream().filter(id -> !run.deletedPolicies.contains(id)).toList();
            if (!policies.isEmpty()) {
                findings.problem("the run created backup policies it could not delete: " + policies + "; delete them by hand");
            }
        });
    }

    String executePath() {
        return run.path(CsbsSpec.EXECUTE, Map.of("provider_id", CsbsSpec.PROVIDER_ID));
    }

    /**
     * Judges an execution's answer (200, valid, the project, plan and resources asked for) and returns the checkpoint it
     * made, or null.
     */
    Execution execution(Exchange exchange, JsonNode body, List<String> problems) {
        JsonNode json = run.judge.judge(exchange, Expected.status(200), true, problems);
        JsonNode id = json == null ? null : json.at("/checkpoint/id");
        if (exchange.status() != 200 || id == null || !id.isTextual()) {
            return null;
        }
        run.created.add(id.asText());
        JsonNode requested = body.at("/checkpoint/parameters/resources");
        List<String> resources = new ArrayList<>();
        if (requested.isArray()) {
            requested.forEach(resource -> resources.add(resource.asText()));
        } else {
            resources.addAll(planResources); // absent or null: every resource of the plan
        }
        problems.addAll(Semantics.ofCheckpoint(json.path("checkpoint"), run.project(), body.at("/checkpoint/plan_id").asText(), resources));
        return new Execution(id.asText(), resources.stream().map(resource -> resource.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /**
     * Lists the checkpoint's backups until there is one per resource (any number, for a checkpoint of unknown
     * resources) and each is available; a backup of another resource, or one in error, ends the wait. Returns the
     * backups' ids, or nothing if they did not all become available.
     */
    List<String> awaitAvailable(Findings findings, Execution execution) throws NoResponseException, InterruptedException {
        return awaitAvailableBackups(findings, execution).stream().map(item -> item.path("id").asText()).toList();
    }

    /** As {@link #awaitAvailable}, the backups as the listing by checkpoint_id last answered them. */
    List<JsonNode> awaitAvailableBackups(Findings findings, Execution execution) throws NoResponseException, InterruptedException {
        return awaitBackups(findings, execution, false);
    }

    /** As {@link #awaitAvailableBackups}, but a backup in error is settled too: the wait ends when each is one or the other. */
    List<JsonNode> awaitSettledBackups(Findings findings, Execution execution) throws NoResponseException, InterruptedException {
        return awaitBackups(findings, execution, true);
    }

    private List<JsonNode> awaitBackups(Findings findings, Execution execution, boolean errorSettles)
            throws NoResponseException, InterruptedException {
        Call list = run.service.get(run.path("listBackups", Map.of()), Map.of("checkpoint_id", execution.checkpointId()));
        Map<String, JsonNode> items = new LinkedHashMap<>();
        Map<String, String> last = new LinkedHashMap<>();
        boolean done = await(() -> {
            Judged judged = run.sendValid(findings::send, "listBackups", list, Map.of(), Expected.status(200));
            if (!judged.problems().isEmpty() || !judged.ok(200)) {
                findings.problems(judged.exchange(), judged.problems());
                return Poll.FAILED;
            }
            last.clear();
            items.clear();
            Set<String> resources = new LinkedHashSet<>();
            for (JsonNode item : judged.json().path("checkpoint_items")) {
                String resource = item.path("resource_id").asText().toLowerCase(Locale.ROOT);
                last.put(item.path("id").asText(), item.path("status").asText());
                items.put(item.path("id").asText(), item);
                if (!execution.resources().isEmpty() && !execution.resources().contains(resource)) {
                    findings.problem(judged.exchange(), "backup " + item.path("id").asText() + " of the checkpoint is of resource "
                            + resource + ", which the execution did not ask for (it asked for " + execution.resources() + ")");
                    return Poll.FAILED;
                }
                if (item.path("status").asText().equals("error") && !errorSettles) {
                    findings.problem(judged.exchange(), "backup " + item.path("id").asText() + " ended in error: "
                            + item.at("/extend_info/fail_reason").asText());
                    return Poll.FAILED;
                }
                resources.add(resource);
            }
            boolean all = execution.resources().isEmpty() ? !last.isEmpty() : resources.equals(execution.resources());
            Set<String> settled = errorSettles ? Set.of(AVAILABLE, "error") : Set.of(AVAILABLE);
            return all && settled.containsAll(last.values()) ? Poll.DONE : Poll.WAIT;
        });
        if (!done) {
            if (!findings.failed()) {
                findings.problem("the backups of checkpoint " + execution.checkpointId() + " are " + last + " after " + waited()
                        + "; expected " + (execution.resources().isEmpty() ? "each available" + (errorSettles ? " or in error" : "")
                        : "one available backup for each of " + execution.resources()));
            }
            return List.of();
        }
        return List.copyOf(items.values());
    }

    /**
     * Queries each backup until it is gone: 404 CSBS.3001, or 200 with the status deleted (a service may keep a
     * deleted backup listed; the status enum has the value). Being deleted, it may answer 200 meanwhile.
     */
    boolean awaitGone(Findings findings, List<String> backups) throws NoResponseException, InterruptedException {
        Expected gone = Expected.error(404, run.spec.documentedErrorCode("getBackup", 404, "checkpoint_item_not_found"));
        Map<String, String> last = new LinkedHashMap<>();
        boolean done = await(() -> {
            last.clear();
            for (String backup : backups) {
                Exchange exchange = findings.send(run.service.get(run.path("getBackup", Map.of("checkpoint_item_id", backup)), Map.of()));
                List<String> problems = new ArrayList<>();
                JsonNode json = run.judge.judge(exchange, gone.or(200, null), true, problems);
                if (!problems.isEmpty()) {
                    findings.problems(exchange, problems);
                    return Poll.FAILED;
                }
                String status = json.at("/checkpoint_item/status").asText();
                if (exchange.status() == 200 && !status.equals("deleted")) {
                    last.put(backup, status);
                }
            }
            return last.isEmpty() ? Poll.DONE : Poll.WAIT;
        });
        if (!done && !findings.failed()) {
            findings.problem("after " + waited() + ", deleted backups still answer 200: " + last + "; expected 404 "
                    + gone.errorCode(404) + " (or the status deleted)");
        }
        return done;
    }

    /** Polls until done or failed, or until --wait-timeout (or the run's time) is over: false then. */
    boolean await(Poller poller) throws NoResponseException, InterruptedException {
        long wait = cleaning ? run.options.waitTimeout().toNanos() : Math.min(run.options.waitTimeout().toNanos(), run.remaining().toNanos());
        long deadline = System.nanoTime() + wait;
        while (true) {
            Poll poll = poller.poll();
            if (poll != Poll.WAIT) {
                return poll == Poll.DONE;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.max(1, Math.min(run.options.pollInterval().toMillis(), left / 1_000_000)));
        }
    }

    private String waited() {
        Duration bound = run.options.waitTimeout().compareTo(run.options.maxTime()) < 0 ? run.options.waitTimeout() : run.options.maxTime();
        return run.timeUp() ? "the run's --max-time" : "--wait-timeout " + bound.toMillis() + " ms";
    }

    void delete(Findings findings, String checkpoint, Map<String, String> query) {
        Exchange exchange = findings.send(run.service.delete(run.path("deleteBackup",
                Map.of("provider_id", CsbsSpec.PROVIDER_ID, "checkpoint_id", checkpoint)), query));
        List<String> problems = new ArrayList<>();
        run.judge.judge(exchange, Expected.status(200), true, problems);
        findings.problems(exchange, problems);
        if (!problems.isEmpty()) {
            findings.stop();
        }
    }

    Judged get(Findings findings, String backup) throws NoResponseException, InterruptedException {
        return run.sendValid(findings::send, "getBackup", run.service.get(run.path("getBackup", Map.of("checkpoint_item_id", backup)),
                Map.of()), Map.of("checkpoint_item_id", backup), Expected.status(200));
    }

    static void expectText(Findings findings, Judged judged, String pointer, String expected) {
        String actual = judged.json().at(pointer).asText();
        if (!actual.equalsIgnoreCase(expected)) {
            findings.problem(judged.exchange(), pointer.substring(1).replace('/', '.') + " is " + actual + ", expected " + expected);
        }
    }
}
