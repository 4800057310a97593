package com.example.csbs.contract.check;

import com.example.csbs.contract.check.LifecycleChecks.Execution;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The backups a run with --lifecycle makes for its read, paging, filter, order and generated checks to judge on: the
 * lifecycle's plan executed twice (several resources, two creation times, backups of one checkpoint sharing theirs)
 * and --failing-plan once (backups in error, of another policy and resource). They stay until the clean-up. A run
 * without --lifecycle has none and judges what the project holds.
 */
final class Fixture {

    static final String GROUP = "fixture";

    /** A checkpoint the fixture made: its plan and its backups as the listing by checkpoint_id showed them settled. */
    record Made(String checkpointId, String planId, List<JsonNode> backups) {

        List<String> backupIds() {
            return backups.stream().map(backup -> backup.path("id").asText().toLowerCase(Locale.ROOT)).toList();
        }
    }

    private final List<Made> made;

    private Fixture(List<Made> made) {
        this.made = List.copyOf(made);
    }

    static Fixture none() {
        return new Fixture(List.of());
    }

    /** Executes the plans and waits until their backups are settled; the state rules of backups being made on the way. */
    static Fixture make(CheckRun run) throws InterruptedException {
        LifecycleChecks lifecycle = LifecycleChecks.helper(run);
        String plan = LifecycleChecks.plan(run);
        List<Made> made = new ArrayList<>();
        Execution first = execute(run, lifecycle, plan, "the lifecycle's plan");
        if (first != null) {
            StateRules.whileBeingMade(run, lifecycle, first);
            settle(run, lifecycle, first, plan, "the lifecycle's plan", made);
        }
        if (run.options.failingPlan() != null) {
            String failing = run.options.failingPlan().toString();
            Execution failed = execute(run, lifecycle, failing, "--failing-plan");
            if (failed != null) {
                settle(run, lifecycle, failed, failing, "--failing-plan", made);
            }
        }
        Execution second = execute(run, lifecycle, plan, "the lifecycle's plan, again");
        if (second != null) {
            settle(run, lifecycle, second, plan, "the lifecycle's plan, again", made);
        }
        return new Fixture(made);
    }

    private static Execution execute(CheckRun run, LifecycleChecks lifecycle, String plan, String which) throws InterruptedException {
        ObjectNode body = DocumentedChecks.documentedBody(run.spec, run.options);
        ObjectNode checkpoint = (ObjectNode) body.path("checkpoint");
        if (!plan.equals(checkpoint.path("plan_id").asText())) {
            checkpoint.put("plan_id", plan);
            ((ObjectNode) checkpoint.path("parameters")).remove("resources"); // every resource of that plan
        }
        Execution[] execution = new Execution[1];
        run.check(GROUP, "executeBackupPolicy: " + which + ", for the read checks", "200", findings -> {
            if (!checkpoint.path("parameters").has("resources")) {
                // Another plan than the lifecycle's: its resources as the service answers them, named in the request.
                Exchange policy = findings.send(run.service.get(run.path("getBackupPolicy", Map.of("policy_id", plan)), Map.of()));
                JsonNode resources = policy.status() == 200 ? Judge.parse(policy.body()).at("/policy/resources") : null;
                if (resources == null || !resources.isArray() || resources.isEmpty()) {
                    findings.problem(policy, "the policy " + plan + " (" + which + ") answers no resources to back up");
                    findings.stop();
                }
                ArrayNode ids = ((ObjectNode) checkpoint.path("parameters")).putArray("resources");
                resources.forEach(resource -> ids.add(resource.path("id").asText()));
            }
            Exchange exchange = findings.send(run.service.post(lifecycle.executePath(), body.toString()));
            List<String> problems = new ArrayList<>();
            execution[0] = lifecycle.execution(exchange, body, problems);
            findings.problems(exchange, problems);
        });
        return execution[0];
    }

    private static void settle(CheckRun run, LifecycleChecks lifecycle, Execution execution, String plan, String which, List<Made> made)
            throws InterruptedException {
        boolean failing = run.options.failingPlan() != null && plan.equalsIgnoreCase(run.options.failingPlan().toString());
        // A failing plan's resources are not known to the run: any number of backups, each settled.
        Execution awaited = failing ? new Execution(execution.checkpointId(), Set.of()) : execution;
        run.check(GROUP, "lifecycle: the backups of " + which + ", for the read checks", "each available or in error", findings -> {
            List<JsonNode> backups = lifecycle.awaitSettledBackups(findings, awaited);
            backups.forEach(backup -> run.createdBackups.add(Holdings.normalized(backup.path("id").asText())));
            if (!backups.isEmpty()) {
                made.add(new Made(execution.checkpointId(), plan, backups));
            }
        });
    }

    boolean present() {
        return !made.isEmpty();
    }

    List<Made> made() {
        return made;
    }

    /** The fixture's backups of this plan (lower case IDs). */
    List<String> backupsOf(String planId) {
        return made.stream().filter(one -> one.planId().equalsIgnoreCase(planId)).flatMap(one -> one.backupIds().stream()).toList();
    }

    /** Every backup the fixture made (lower case IDs). */
    List<String> backupIds() {
        return made.stream().flatMap(one -> one.backupIds().stream()).toList();
    }

    /** The backups the fixture made, as settled. */
    List<JsonNode> backups() {
        return made.stream().flatMap(one -> one.backups().stream()).toList();
    }
}
