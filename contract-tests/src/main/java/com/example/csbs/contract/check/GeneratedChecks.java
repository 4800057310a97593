package com.example.csbs.contract.check;

import com.example.csbs.contract.CsbsSpec;
import com.example.csbs.contract.check.ServiceClient.NoResponseException;
import com.example.csbs.contract.check.ServiceClient.RefusedCallException;
import com.example.csbs.contract.generate.ParameterGenerators;
import com.example.csbs.contract.generate.SchemaGenerators;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Requests generated from the spec (the one generator of the tests, {@code SchemaGenerators} for the body of the
 * execution, {@code ParameterGenerators} for path and query of the other operations), valid and invalid, in turn to
 * each operation in shares of its number of mutation kinds (weighted round robin): every mutation kind of an operation
 * once before any twice, and every kind of every operation within twice the number of kinds, so that a large enough
 * {@code --max-cases} breaks every schema constraint. Whether a request is valid is the spec's to say (the
 * validator, and the UUID and time formats it takes loosely), never how it was generated.
 *
 * <p>A valid request must get the answer the spec gives it (200, or the documented 404 for what does not exist),
 * valid and meaning what the spec says; an invalid one a documented 400 or 404 with the CSBS body: never a 5xx, never
 * a 2xx. Without --lifecycle nothing is executed or deleted: bodies name plans that do not exist, deletions name
 * checkpoints that do not exist. With it, invalid bodies name the lifecycle's plan and resources, so that a service
 * that accepts one really would execute it (and the run deletes what it made).
 */
final class GeneratedChecks {

    static final String GROUP = "generated";
    static final String VALID = "answered as the spec says";
    static final String INVALID = "400 or 404 with the CSBS body";
    // RFC 9562's text form, any case. The validator takes what Java's UUID.fromString takes ("1-1-1-1-1").
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // The rules of Adding a Tag, which a batch create follows (the spec's words, at batchUpdate*Tags).
    private static final Pattern CREATE_KEY = Pattern.compile("[A-Za-z0-9_-]{1,36}");
    private static final Pattern CREATE_VALUE = Pattern.compile("[A-Za-z0-9_-]{0,43}");
    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    // Requests in a row without an answer: the service is gone, the rest would only say so again.
    private static final int NO_RESPONSE_LIMIT = 20;

    /** One generated request: to which operation, the call, its path values, and the mutations made. */
    private record Case(String operationId, Call call, Map<String, String> pathValues, List<String> mutations) {
    }

    /**
     * An operation of spec 1.3.0 with a body: its bodies' generator, its path values for a case (IDs that name nothing
     * the service holds, so that a valid request changes nothing, except where the lifecycle allows it) and the answer
     * the spec gives a valid request.
     */
    private record BodyOperation(String operationId, SchemaGenerators bodies, Function<Random, Map<String, String>> pathValues,
                                 Expected validAnswer) {
    }

    // Operations with a body that change what the service holds whatever their IDs: generated only with --lifecycle.
    private static final Set<String> CREATING = Set.of("createBackupPolicy", "backupResource");

    /** The findings of the valid and of the invalid requests to one operation, and the time they took. */
    private static final class Tally {
        final Findings valid;
        final Findings invalid;
        long validNanos;
        long invalidNanos;

        Tally(ServiceClient service) {
            valid = Findings.open(service);
            invalid = Findings.open(service);
        }
    }

    private final CheckRun run;
    private final ParameterGenerators parameters;
    private final SchemaGenerators unknownPlans;
    private final SchemaGenerators lifecyclePlan;
    private final String lifecyclePlanId;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final Map<String, List<String>> kinds = new LinkedHashMap<>();
    private final Set<String> made = new HashSet<>();
    // The documented answers valid requests may get, read from the spec before any request is sent.
    private final Expected planNotFound;
    private final Expected checkpointNotFound;
    private final Expected backupNotFound;
    private final Expected policyNotFound;
    private final Expected backupMarkerNotFound;
    private final Expected policyMarkerNotFound;
    private final Expected policyTagsNotFound;
    private final Expected backupTagsNotFound;
    private final Map<String, String> notAdmin = new LinkedHashMap<>();
    private final Map<String, BodyOperation> bodyOperations = new LinkedHashMap<>();
    private int policiesMade;

    private GeneratedChecks(CheckRun run, String lifecyclePlanId, List<String> lifecycleResources) {
        this.run = run;
        OpenAPI openApi = run.spec.parse().getOpenAPI();
        bodyOperations(openApi, lifecyclePlanId != null);
        List<String> operations = run.spec.operations().stream().map(CsbsSpec.Operation::operationId)
                .filter(id -> lifecyclePlanId != null || !CREATING.contains(id)).toList();
        Map<String, List<String>> hints = new LinkedHashMap<>(run.holdings.hints());
        // Deleting a policy is for the lifecycle, on its own policies: never an ID the service held before the run.
        hints.put("deleteBackupPolicy.policy_id", List.of());
        // A tag's resource is a policy or a backup (not a server, as the backups' resource_id filter is); removing a
        // tag is for the lifecycle, on its own resources: never one the service held before the run.
        hints.put("listPolicyTags.resource_id", run.holdings.somePolicyIds());
        hints.put("listBackupTags.resource_id", run.holdings.someBackupIds());
        hints.put("deletePolicyTag.resource_id", List.of());
        hints.put("deleteBackupTag.resource_id", List.of());
        this.parameters = new ParameterGenerators(openApi, operations.stream()
                .filter(id -> !id.equals(CsbsSpec.EXECUTE) && !bodyOperations.containsKey(id)).toList(),
                Map.of("project_id", run.project()), hints);
        Schema<?> body = openApi.getPaths().get(CsbsSpec.OPERATION_PATH).getPost().getRequestBody().getContent()
                .get(ServiceClient.JSON).getSchema();
        this.unknownPlans = new SchemaGenerators(openApi, body, Map.of(), List.of());
        this.lifecyclePlanId = lifecyclePlanId;
        this.lifecyclePlan = lifecyclePlanId == null ? null : new SchemaGenerators(openApi, body, Map.of(
                "checkpoint.plan_id", List.of(lifecyclePlanId),
                "checkpoint.parameters.resources[]", lifecycleResources), List.of());
        planNotFound = error(CsbsSpec.EXECUTE, 404, "plan_not_found").because("the plan does not exist");
        checkpointNotFound = error("deleteBackup", 404, "checkpoint_item_not_found").because("the checkpoint does not exist");
        backupNotFound = error("getBackup", 404, "checkpoint_item_not_found").because("the backup does not exist");
        policyNotFound = error("getBackupPolicy", 404, "plan_not_found").because("the policy does not exist");
        backupMarkerNotFound = error("listBackups", 400, "marker_not_found").because("the marker is no backup");
        policyMarkerNotFound = error("listBackupPolicies", 400, "marker_not_found").because("the marker is no policy");
        policyTagsNotFound = error("listPolicyTags", 404, "plan_not_found").because("the backup policy does not exist");
        backupTagsNotFound = error("listBackupTags", 404, "checkpoint_item_not_found").because("the backup does not exist");
        for (String operationId : List.of("listBackups", "countBackups", "listBackupPolicies")) {
            notAdmin.put(operationId, run.spec.documentedErrorCode(operationId, 403, "all_tenants_not_admin"));
        }
        for (String operationId : operations) {
            tallies.put(operationId, new Tally(run.service));
            kinds.put(operationId, operationId.equals(CsbsSpec.EXECUTE) ? unknownPlans.mutationNames()
                    : bodyOperations.containsKey(operationId) ? bodyOperations.get(operationId).bodies().mutationNames()
                    : parameters.mutationNames(operationId));
        }
    }

    /**
     * The body operations of spec 1.3.0. A valid update names a policy that does not exist (404 CSBS.3000); a valid
     * restoration a backup that does not exist (404 CSBS.3001); a capability check is answered 200. With --lifecycle: a
     * valid creation makes a policy named by the run (deleted at once); a valid backup of a resource of a random ID
     * makes a backup where the service accepts servers it does not know, else gets the documented 400 CSBS.6000
     * (the backups made are deleted at the end).
     */
    private void bodyOperations(OpenAPI openApi, boolean lifecycle) {
        Function<Random, Map<String, String>> unknownPolicy = random -> Map.of("project_id", run.project(),
                "policy_id", new java.util.UUID(random.nextLong(), random.nextLong()).toString());
        Function<Random, Map<String, String>> provider = random -> Map.of("project_id", run.project(), "provider_id", CsbsSpec.PROVIDER_ID);
        String pattern = run.spec.requestExample("createBackupPolicy", null).at("/policy/scheduled_operations/0/trigger/properties/pattern").asText();
        bodyOperation(openApi, "updateBackupPolicy", Map.of("policy.scheduled_operations.trigger.properties.pattern", List.of(pattern)),
                unknownPolicy, error("updateBackupPolicy", 404, "plan_not_found").because("the policy does not exist"));
        // resource_type is free text in the spec; CSBS backs up servers only (CSBS.6003 for another type).
        bodyOperation(openApi, "checkResourceCapability", Map.of("check_protectable.resource_type", List.of("OS::Nova::Server"),
                "check_restorable.target.resource_type", List.of("OS::Nova::Server")), provider, Expected.status(200));
        bodyOperation(openApi, "createRestoration", Map.of(), random -> Map.of("project_id", run.project()),
                error("createRestoration", 404, "checkpoint_item_not_found").because("the backup does not exist"));
        // Tags: added or changed only on a resource that does not exist (404); the queries only read (200).
        Function<Random, Map<String, String>> unknownResource = random -> Map.of("project_id", run.project(),
                "resource_id", new java.util.UUID(random.nextLong(), random.nextLong()).toString());
        for (String operationId : List.of("addPolicyTag", "batchUpdatePolicyTags")) {
            bodyOperation(openApi, operationId, Map.of(), unknownResource,
                    error(operationId, 404, "plan_not_found").because("the backup policy does not exist"));
        }
        for (String operationId : List.of("addBackupTag", "batchUpdateBackupTags")) {
            bodyOperation(openApi, operationId, Map.of(), unknownResource,
                    error(operationId, 404, "checkpoint_item_not_found").because("the backup does not exist"));
        }
        for (String operationId : List.of("queryPoliciesByTags", "queryBackupsByTags")) {
            bodyOperation(openApi, operationId, Map.of(), random -> Map.of("project_id", run.project()), Expected.status(200));
        }
        if (lifecycle) {
            bodyOperation(openApi, "createBackupPolicy", Map.of("policy.scheduled_operations.trigger.properties.pattern", List.of(pattern)),
                    random -> Map.of("project_id", run.project()), Expected.status(200));
            bodyOperation(openApi, "backupResource", Map.of(), random -> Map.of("project_id", run.project(), "provider_id",
                    CsbsSpec.PROVIDER_ID, "resource_id", new java.util.UUID(random.nextLong(), random.nextLong()).toString()),
                    Expected.status(200).or(400, run.spec.documentedErrorCode("backupResource", 400, "server_not_found"))
                            .because("the resource of a random ID may not exist"));
        }
    }

    private void bodyOperation(OpenAPI openApi, String operationId, Map<String, List<String>> valuesAt,
                               Function<Random, Map<String, String>> pathValues, Expected validAnswer) {
        CsbsSpec.Operation operation = run.spec.operationById(operationId);
        Schema<?> body = openApi.getPaths().get(operation.path()).readOperationsMap()
                .get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(operation.method())).getRequestBody().getContent()
                .get(ServiceClient.JSON).getSchema();
        bodyOperations.put(operationId, new BodyOperation(operationId, new SchemaGenerators(openApi, body, valuesAt, List.of()),
                pathValues, validAnswer));
    }

    /**
     * Sends up to --max-cases generated requests, within the run's time, and reports a valid and an invalid check per
     * operation.
     *
     * @param lifecyclePlanId the plan the lifecycle executes (null without --lifecycle), and its resources
     */
    static void run(CheckRun run, String lifecyclePlanId, List<String> lifecycleResources) throws InterruptedException {
        GeneratedChecks checks = new GeneratedChecks(run, lifecyclePlanId, lifecycleResources);
        checks.send();
        checks.report();
        if (run.options.maxCases() > 0) {
            checks.noteKinds();
        }
    }

    private void send() throws InterruptedException {
        List<String> operations = new ArrayList<>(tallies.keySet());
        int[] turns = new int[operations.size()];
        int[] weights = operations.stream().mapToInt(this::weight).toArray();
        int total = java.util.Arrays.stream(weights).sum();
        int[] credit = new int[operations.size()];
        int withoutResponse = 0;
        for (int sent = 0; sent < run.options.maxCases(); ) {
            if (run.timeUp()) {
                run.note("generated cases stopped at --max-time after " + sent + " of " + run.options.maxCases());
                return;
            }
            // Smooth weighted round robin: in every 2 x total turns, each operation gets 2 x its weight, spread evenly.
            int at = 0;
            for (int i = 0; i < credit.length; i++) {
                credit[i] += weights[i];
                if (credit[i] > credit[at]) {
                    at = i;
                }
            }
            credit[at] -= total;
            String operationId = operations.get(at);
            int turn = turns[at]++;
            boolean meantValid = turn % 2 == 1;
            List<String> kindsOf = kinds.get(operationId);
            meantValid = meantValid || kindsOf.isEmpty(); // nothing to mutate (listQuotas: its one parameter is the run's)
            Case generated = meantValid ? valid(operationId) : mutated(operationId, kindsOf.get((turn / 2) % kindsOf.size()));
            List<String> invalidBecause = invalidBecause(generated);
            if (invalidBecause.isEmpty() && isExecution(generated)) {
                continue; // a mutation that left a valid execution of the lifecycle's plan: not one to send here
            }
            sent++;
            generated.mutations().forEach(kind -> made.add(operationId + " " + kind));
            if (!send(generated, invalidBecause)) {
                if (++withoutResponse >= NO_RESPONSE_LIMIT) {
                    run.note("generated cases stopped after " + NO_RESPONSE_LIMIT + " requests in a row without a response");
                    return;
                }
            } else {
                withoutResponse = 0;
            }
        }
    }

    /** Sends the case and records it; false when it got no response. */
    private boolean send(Case generated, List<String> invalidBecause) throws InterruptedException {
        boolean valid = invalidBecause.isEmpty();
        Tally tally = tallies.get(generated.operationId());
        Findings findings = valid ? tally.valid : tally.invalid;
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        Exchange exchange = null;
        boolean answered = true;
        try {
            if (valid) {
                CheckRun.Judged judged = run.sendValid(run.service::send, generated.operationId(), generated.call(),
                        generated.pathValues(), expected(generated));
                exchange = judged.exchange();
                problems.addAll(judged.problems());
            } else {
                exchange = run.service.send(generated.call());
                Expected expected = new Expected(Map.of(400, "", 404, ""), null)
                        .because("the spec refuses the request: " + String.join("; ", invalidBecause));
                run.judge.judge(exchange, expected, false, problems);
            }
            if (exchange.status() == 200 && List.of(CsbsSpec.EXECUTE, "backupResource").contains(generated.operationId())) {
                madeCheckpoint(exchange);
            }
            if (exchange.status() == 200 && generated.operationId().equals("createBackupPolicy")) {
                madePolicy(exchange, problems);
            }
        } catch (NoResponseException e) {
            problems.add(e.getMessage());
            answered = false;
        } catch (RefusedCallException e) {
            problems.add("the check itself failed: " + e.getMessage());
        }
        if (!generated.mutations().isEmpty() && !problems.isEmpty()) {
            problems.add("mutation: " + String.join(" + ", generated.mutations()));
        }
        findings.generatedCase(generated.call(), exchange, problems);
        long nanos = System.nanoTime() - start;
        if (valid) {
            tally.validNanos += nanos;
        } else {
            tally.invalidNanos += nanos;
        }
        return answered;
    }

    /** An execution that should have been refused made a checkpoint: the lifecycle's clean-up deletes it. */
    private void madeCheckpoint(Exchange exchange) {
        JsonNode answer = Judge.parse(exchange.body());
        if (answer != null && answer.at("/checkpoint/id").isTextual()) {
            run.created.add(answer.at("/checkpoint/id").asText());
        }
    }

    /** A policy a generated creation made: recorded, and deleted at once (the next may name the same resources). */
    private void madePolicy(Exchange exchange, List<String> problems) throws NoResponseException, InterruptedException {
        JsonNode answer = Judge.parse(exchange.body());
        if (answer == null || !answer.at("/policy/id").isTextual()) {
            return;
        }
        String id = answer.at("/policy/id").asText();
        run.createdPolicies.add(id);
        Exchange deleted = run.service.send(run.service.delete(run.path("deleteBackupPolicy", Map.of("policy_id", id)), Map.of()));
        if (deleted.status() == 200) {
            run.deletedPolicies.add(id);
        } else {
            problems.add("deleting the policy " + id + " it made answered " + deleted.status() + ": " + Judge.excerpt(deleted.body()));
        }
    }

    private void report() {
        tallies.forEach((operationId, tally) -> {
            if (tally.valid.cases() > 0) {
                run.report(tally.valid.result(GROUP, operationId + ": generated valid requests", VALID, Duration.ofNanos(tally.validNanos)));
            }
            if (tally.invalid.cases() > 0) {
                run.report(tally.invalid.result(GROUP, operationId + ": generated invalid requests", INVALID,
                        Duration.ofNanos(tally.invalidNanos)));
            }
        });
    }

    /** How many of the mutation kinds were made, and how many cases make every one (each operation's in turn). */
    private void noteKinds() {
        int all = kinds.values().stream().mapToInt(List::size).sum();
        long madeKinds = kinds.entrySet().stream()
                .flatMap(operation -> operation.getValue().stream().map(kind -> operation.getKey() + " " + kind))
                .filter(made::contains).count();
        int needed = 2 * kinds.keySet().stream().mapToInt(this::weight).sum();
        List<String> why = new ArrayList<>();
        if (madeKinds < all && run.options.maxCases() < needed) {
            why.add("--max-cases " + needed + " makes every one");
        }
        if (madeKinds < all && lifecyclePlan != null) {
            why.add("with --lifecycle, a mutation that leaves a valid execution of its plan is not sent");
        }
        run.note("mutation kinds made: " + madeKinds + " of " + all + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")"));
    }

    /**
     * An operation's share of the generated cases: its number of mutation kinds (at least 1), so that in every
     * 2 x (the weights' sum) cases each operation gets one valid case and one of each of its mutation kinds per weight.
     */
    private int weight(String operationId) {
        return Math.max(1, kinds.get(operationId).size());
    }

    private Case valid(String operationId) {
        if (operationId.equals(CsbsSpec.EXECUTE)) {
            return execution(new SchemaGenerators.Sample(List.of(), unknownPlans.valid().generate(run.random)));
        }
        if (bodyOperations.containsKey(operationId)) {
            return withBody(bodyOperations.get(operationId), new SchemaGenerators.Sample(List.of(),
                    bodyOperations.get(operationId).bodies().valid().generate(run.random)));
        }
        return query(parameters.valid(operationId).generate(run.random));
    }

    private Case mutated(String operationId, String kind) {
        if (operationId.equals(CsbsSpec.EXECUTE)) {
            return execution((lifecyclePlan == null ? unknownPlans : lifecyclePlan).mutated(kind).generate(run.random));
        }
        if (bodyOperations.containsKey(operationId)) {
            return withBody(bodyOperations.get(operationId), bodyOperations.get(operationId).bodies().mutated(kind).generate(run.random));
        }
        return query(parameters.mutated(operationId, kind).generate(run.random));
    }

    private Case execution(SchemaGenerators.Sample sample) {
        String path = run.path(CsbsSpec.EXECUTE, Map.of("provider_id", CsbsSpec.PROVIDER_ID));
        return new Case(CsbsSpec.EXECUTE, run.service.post(path, sample.json().toString()),
                Map.of("project_id", run.project(), "provider_id", CsbsSpec.PROVIDER_ID), sample.mutations());
    }

    /** A request of a body operation; a policy to create is named by the run, so that a user can tell it is the run's. */
    private Case withBody(BodyOperation operation, SchemaGenerators.Sample sample) {
        JsonNode body = sample.json();
        if (operation.operationId().equals("createBackupPolicy") && sample.mutations().isEmpty() && body.path("policy").isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) body.path("policy")).put("name", LifecycleChecks.runName(run) + "-g" + ++policiesMade);
        }
        Map<String, String> pathValues = operation.pathValues().apply(run.random);
        String path = run.path(operation.operationId(), pathValues);
        Call call = run.spec.operationById(operation.operationId()).method().equals("PUT")
                ? run.service.put(path, body.toString()) : run.service.post(path, body.toString());
        return new Case(operation.operationId(), call, pathValues, sample.mutations());
    }

    private Case query(ParameterGenerators.Sample sample) {
        Call call = sample.method().equals("DELETE") ? run.service.delete(sample.path(), sample.query())
                : run.service.get(sample.path(), sample.query());
        return new Case(sample.operationId(), call, sample.pathValues(), sample.mutations());
    }

    /** Why the spec refuses the request: the validator's messages, and formats it reads loosely; empty if valid. */
    private List<String> invalidBecause(Case generated) {
        List<String> reasons = new ArrayList<>();
        Call call = generated.call();
        if (call.path().contains("//") || call.path().endsWith("/")) {
            reasons.add("an empty path segment: no operation has that path");
        }
        reasons.addAll(run.judge.requestErrors(call));
        if (generated.operationId().equals(CsbsSpec.EXECUTE)) {
            JsonNode body = Judge.parse(call.body());
            if (body != null && reasons.isEmpty()) {
                notUuid("checkpoint.plan_id", body.at("/checkpoint/plan_id").asText(), reasons);
                JsonNode resources = body.at("/checkpoint/parameters/resources");
                Set<String> seen = new HashSet<>();
                resources.forEach(id -> {
                    notUuid("checkpoint.parameters.resources[]", id.asText(), reasons);
                    if (!seen.add(id.asText().toLowerCase(Locale.ROOT))) {
                        reasons.add("checkpoint.parameters.resources names " + id.asText() + " twice (each ID at most once)");
                    }
                });
            }
            return reasons;
        }
        if (bodyOperations.containsKey(generated.operationId())) {
            JsonNode body = Judge.parse(call.body());
            if (body != null && reasons.isEmpty()) {
                OpenAPI openApi = run.spec.parse().getOpenAPI();
                CsbsSpec.Operation operation = run.spec.operationById(generated.operationId());
                strictUuids(openApi, openApi.getPaths().get(operation.path()).readOperationsMap()
                        .get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(operation.method())).getRequestBody()
                        .getContent().get(ServiceClient.JSON).getSchema(), body, "body", reasons);
            }
            return reasons;
        }
        Map<String, Schema<?>> schemas = parameters.parameterSchemas(generated.operationId());
        Map<String, String> values = new LinkedHashMap<>(generated.pathValues());
        call.query().forEach((name, value) -> {
            if (schemas.containsKey(name)) {
                values.put(name, value);
            }
        });
        values.forEach((name, value) -> {
            Schema<?> schema = schemas.get(name);
            boolean uuids = "uuid".equals(schema.getFormat()) || (schema.getItems() != null && "uuid".equals(schema.getItems().getFormat()));
            if (uuids) {
                for (String id : value.split(",", -1)) {
                    notUuid(name, id, reasons);
                }
            }
            if (name.endsWith("_time") && !Semantics.parses(value)) {
                reasons.add(name + "=" + value + " is not a time");
            }
        });
        return reasons;
    }

    /** Every format uuid string of the body in RFC 9562's form: the validator takes what UUID.fromString takes. */
    private static void strictUuids(OpenAPI openApi, Schema<?> schema, JsonNode value, String where, List<String> reasons) {
        Schema<?> resolved = schema.get$ref() == null ? schema
                : openApi.getComponents().getSchemas().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        if ("uuid".equals(resolved.getFormat()) && value.isTextual()) {
            notUuid(where, value.asText(), reasons);
        } else if (resolved.getItems() != null && value.isArray()) {
            value.forEach(element -> strictUuids(openApi, resolved.getItems(), element, where + "[]", reasons));
        } else if (resolved.getProperties() != null && value.isObject()) {
            resolved.getProperties().forEach((name, property) -> {
                if (value.has(name)) {
                    strictUuids(openApi, property, value.get(name), where + "." + name, reasons);
                }
            });
        }
    }

    private static void notUuid(String name, String value, List<String> reasons) {
        if (!UUID.matcher(value).matches()) {
            reasons.add(name + "=" + value + " is not a UUID (format uuid: RFC 9562's 8-4-4-4-12 hex digits)");
        }
    }

    /** A valid body naming a plan the service holds: it would execute the plan. */
    private boolean isExecution(Case generated) {
        if (!generated.operationId().equals(CsbsSpec.EXECUTE)) {
            return false;
        }
        JsonNode body = Judge.parse(generated.call().body());
        String plan = body == null ? "" : Holdings.normalized(body.at("/checkpoint/plan_id").asText());
        return run.holdings.policyIds().contains(plan) || (lifecyclePlanId != null && plan.equals(Holdings.normalized(lifecyclePlanId)));
    }

    /** The answer the spec gives a valid request, from what the service holds. */
    private Expected expected(Case generated) {
        Map<String, String> values = new LinkedHashMap<>(generated.pathValues());
        values.putAll(generated.call().query());
        String operationId = generated.operationId();
        Expected expected = switch (operationId) {
            case CsbsSpec.EXECUTE -> planNotFound;
            case "updateBackupPolicy", "checkResourceCapability", "createRestoration", "createBackupPolicy", "backupResource",
                 "addPolicyTag", "addBackupTag" -> bodyOperations.get(operationId).validAnswer();
            case "batchUpdatePolicyTags", "batchUpdateBackupTags" -> batchAnswer(generated);
            case "queryPoliciesByTags", "queryBackupsByTags" -> queryAnswer(generated);
            case "listPolicyTags" -> exists(values.get("resource_id"), run.holdings.policyIds(), policyTagsNotFound);
            case "listBackupTags" -> exists(values.get("resource_id"), run.holdings.backupIds(), backupTagsNotFound);
            case "deletePolicyTag" -> policyTagsNotFound;
            case "deleteBackupTag" -> backupTagsNotFound;
            case "deleteBackupPolicy" -> policyNotFound;
            case "deleteBackup" -> checkpointNotFound;
            case "getBackup" -> exists(values.get("checkpoint_item_id"), run.holdings.backupIds(), backupNotFound);
            case "getBackupPolicy" -> exists(values.get("policy_id"), run.holdings.policyIds(), policyNotFound);
            case "listBackups" -> values.containsKey("marker")
                    ? exists(values.get("marker"), run.holdings.listedBackupIds(), backupMarkerNotFound) : Expected.status(200);
            case "listBackupPolicies" -> values.containsKey("marker")
                    ? exists(values.get("marker"), run.holdings.policyIds(), policyMarkerNotFound) : Expected.status(200);
            default -> Expected.status(200);
        };
        if ("true".equals(values.get("all_tenants"))) {
            // Whether the token is an administrator's, the checker does not know.
            expected = expected.or(403, notAdmin.get(operationId));
        }
        return expected;
    }

    /**
     * A batch on a resource that does not exist: 404; but a create whose keys or values break the rules of Adding a
     * Tag (which the spec states in words, the schema allowing the deletion's wider ones) may be refused first: 400.
     */
    private Expected batchAnswer(Case generated) {
        Expected notFound = bodyOperations.get(generated.operationId()).validAnswer();
        JsonNode body = Judge.parse(generated.call().body());
        if (body == null || !"create".equals(body.path("action").asText())) {
            return notFound;
        }
        for (JsonNode tag : body.path("tags")) {
            boolean key = CREATE_KEY.matcher(tag.path("key").asText()).matches();
            boolean value = tag.path("value").isNull() || tag.path("value").isMissingNode()
                    || CREATE_VALUE.matcher(tag.path("value").asText()).matches();
            if (!key || !value) {
                return notFound.or(400, run.spec.documentedErrorCode(generated.operationId(), 400, "tag_parameter_invalid"))
                        .because("a create follows the rules of Adding a Tag (" + tag + " does not), and the resource does not exist");
            }
        }
        return notFound;
    }

    /** A query: 200; 400 where a list has a key twice or a blank one (keys are compared trimmed). */
    private Expected queryAnswer(Case generated) {
        JsonNode body = Judge.parse(generated.call().body());
        for (String list : List.of("tags", "tags_any", "not_tags", "not_tags_any")) {
            Set<String> keys = new HashSet<>();
            for (JsonNode entry : body == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : body.path(list)) {
                String key = entry.path("key").asText().trim();
                if (key.isEmpty() || !keys.add(key)) {
                    return Expected.error(400, run.spec.documentedErrorCode(generated.operationId(), 400, "query_invalid"))
                            .because(list + " has " + (key.isEmpty() ? "a blank key" : "the key " + key + " twice") + " (trimmed)");
                }
            }
        }
        return Expected.status(200);
    }

    /** 200 if the ID names what the service holds (in any case, also the error), else the error. */
    private static Expected exists(String id, Set<String> held, Expected otherwise) {
        if (!held.contains(Holdings.normalized(id))) {
            return otherwise;
        }
        // RFC 9562 reads UUIDs in any case; whether a service does, the spec does not say.
        return CANONICAL_UUID.matcher(id).matches() ? Expected.status(200)
                : otherwise.or(200, null).because("the ID is of what the service holds, spelt in upper case");
    }

    private Expected error(String operationId, int status, String example) {
        return Expected.error(status, run.spec.documentedErrorCode(operationId, status, example));
    }
}
