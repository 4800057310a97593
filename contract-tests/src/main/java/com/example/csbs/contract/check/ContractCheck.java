package com.example.csbs.contract.check;

import com.example.csbs.contract.CsbsSpec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the contract against a running service:
 * {@code java -jar csbs-contract-check.jar --base-url URL --token T --project P [--lifecycle] [--junit-xml F] [--html F]}.
 * Prints its seed, one line per check and a summary; exits 0 only if no check failed.
 */
@Command(name = "csbs-contract-check",
        description = {
            "Checks a running CSBS against the spec (" + CsbsSpec.RESOURCE + ", all its operations): the pages' example"
                    + " requests and documented error cases; requests generated from the spec, valid (answered as the spec"
                    + " says: the objects asked for, project_id of the path, filters, counts and pages that agree) and"
                    + " invalid (every schema constraint broken in turn: a documented 400 or 404 with the CSBS body, never"
                    + " 5xx, never 2xx); tolerance of unknown fields and null optional fields; paging.",
            "Without --lifecycle it only reads: nothing is executed, created, changed, backed up, restored or deleted"
                    + " (bodies name plans, policies and backups that do not exist; policies and backups are asked for only"
                    + " in bodies that are no JSON). With --lifecycle it executes the documented request and generated ones,"
                    + " creates, updates and deletes a policy of its own, backs up one resource, restores that backup,"
                    + " waits until backups are available, deletes them and waits until they are gone: on a real service"
                    + " that makes real backups, for minutes."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:no check failed", "1:a check failed", "2:invalid options"})
public final class ContractCheck implements Callable<Integer> {

    private static final String SLF4J_SIMPLE_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final java.util.Set<String> TAG_CHANGES = java.util.Set.of("addPolicyTag", "batchUpdatePolicyTags",
            "deletePolicyTag", "addBackupTag", "batchUpdateBackupTags", "deleteBackupTag");

    @Spec
    CommandSpec command;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "Root of the service, e.g. https://csbs.eu-de.otc.t-systems.com or http://127.0.0.1:8080.")
    URI baseUrl;

    @Option(names = "--token", required = true, paramLabel = "TOKEN",
            description = "IAM token scoped to the project, sent as X-Auth-Token (reports show it as $CSBS_TOKEN).")
    String token;

    @Option(names = "--project", required = true, paramLabel = "ID", description = "Project ID (project_id in the path).")
    String project;

    @Option(names = "--plan", paramLabel = "UUID",
            description = "Backup policy the lifecycle executes (default: the plan of the spec's example request).")
    UUID plan;

    @Option(names = "--resource", paramLabel = "UUID",
            description = "Resource the documented request backs up; repeatable (default: the example's resources;"
                    + " with --plan alone none are sent, which backs up every resource of the plan).")
    List<UUID> resources = new ArrayList<>();

    @Option(names = "--other-token", paramLabel = "TOKEN",
            description = "Token of a second project, not an administrator's (with --other-project): the isolation checks"
                    + " read, and with --lifecycle execute and delete, across the two projects (reports show it as"
                    + " $CSBS_OTHER_TOKEN).")
    String otherToken;

    @Option(names = "--other-project", paramLabel = "ID", description = "The second project's ID (with --other-token).")
    String otherProject;

    @Option(names = "--failing-plan", paramLabel = "UUID",
            description = "A backup policy whose backups the service makes end in error (the stub's 'failing'): with"
                    + " --lifecycle the run executes it once, so that failed backups are judged too.")
    UUID failingPlan;

    @Option(names = "--lifecycle",
            description = "Also execute, wait until available, delete and wait until gone (creates real backups).")
    boolean lifecycle;

    @Option(names = "--executions", paramLabel = "N", defaultValue = "2",
            description = "Generated executions in the lifecycle, besides the documented one (default: ${DEFAULT-VALUE}).")
    int executions;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the generated requests (default: a random one; every run prints its seed).")
    Long seed;

    @Option(names = "--max-cases", paramLabel = "N", defaultValue = "2000",
            description = "Generated requests at most (default: ${DEFAULT-VALUE}; 0: none).")
    int maxCases;

    @Option(names = "--max-time", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Bound on the run: no generated request starts, and no wait goes on, past it"
                    + " (default: ${DEFAULT-VALUE}; 500ms, 30s, 10m, 1h or ISO-8601 like PT10M).")
    Duration maxTime;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
            description = "Requests per second at most (default: no limit; use one for a real service).")
    Double rate;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Between two looks at backups being made or deleted (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long a backup may take to become available, or to go (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time allowed to connect and for each response (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write the results as JUnit XML (one testcase per check).")
    Path junitXml;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
    Path html;

    public static void main(String[] args) {
        // The validator's libraries log through SLF4J; the checker's output is its own lines, so only errors.
        if (System.getProperty(SLF4J_SIMPLE_LEVEL) == null) {
            System.setProperty(SLF4J_SIMPLE_LEVEL, "error");
        }
        System.exit(new CommandLine(new ContractCheck()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        PrintWriter out = command.commandLine().getOut();
        long runSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        CsbsSpec spec;
        Judge judge;
        try {
            spec = CsbsSpec.fromClasspath();
            judge = new Judge(spec.newValidator());
        } catch (IllegalStateException | UncheckedIOException e) { // a spec the checker cannot read: a build defect
            command.commandLine().getErr().println(command.name() + ": " + e.getMessage());
            return 1;
        }
        ServiceClient service = new ServiceClient(baseUrl, token, Duration.ofSeconds(timeoutSeconds),
                rate == null ? RateLimiter.unlimited() : RateLimiter.perSecond(rate));
        if (otherToken != null) {
            service.otherToken(otherToken);
        }
        CheckOptions options = new CheckOptions(project, plan, resources, lifecycle, executions, maxCases, maxTime, pollInterval,
                waitTimeout, otherProject, failingPlan);
        List<CheckResult> results = new ArrayList<>();
        CheckRun run = new CheckRun(spec, judge, service, options, runSeed, result -> {
            results.add(result);
            out.println(result.line());
            if (result.failed()) {
                result.details().forEach(out::println);
            }
            out.flush();
        });
        String examplePlan = Holdings.normalized(LifecycleChecks.plan(run));
        service.guard(call -> refusal(run, examplePlan, call));
        out.println("csbs-contract-check " + service.baseUrl() + ", project " + project + ", "
                + (lifecycle ? "with the lifecycle (executes and deletes)" : "read-only") + "; seed " + runSeed
                + " (--seed " + runSeed + " replays the run)");
        out.flush();

        long start = System.nanoTime();
        try {
            // With --lifecycle, the backups the read checks judge on are made first and stay until the clean-up.
            Fixture fixture = lifecycle ? Fixture.make(run) : Fixture.none();
            DocumentedChecks.run(run);
            RuleChecks.run(run);
            ListingChecks.run(run, fixture);
            IsolationChecks.run(run, fixture);
            StateRules.run(run, fixture);
            if (lifecycle) {
                TagChecks.lifecycle(run, fixture);
            }
            TagChecks.read(run);
            if (lifecycle) {
                LifecycleChecks.run(run);
            }
            GeneratedChecks.run(run, lifecycle ? LifecycleChecks.plan(run) : null,
                    lifecycle ? LifecycleChecks.planResources(run) : List.of());
            if (lifecycle) {
                StateRules.deletion(run, fixture);
            }
        } catch (IllegalStateException | IllegalArgumentException e) { // the spec is not what the checker reads: a build defect
            command.commandLine().getErr().println(command.name() + ": " + e.getMessage());
            return 1;
        } finally {
            if (lifecycle) {
                LifecycleChecks.cleanUp(run);
            }
        }
        RunReport report = new RunReport(service.baseUrl(), project, runSeed, lifecycle, results, service.requestsSent(),
                Duration.ofNanos(System.nanoTime() - start), run.notes);
        out.println(report.summary());
        run.notes.forEach(out::println);
        out.flush();
        try {
            if (junitXml != null) {
                JunitXmlReport.write(report, junitXml);
            }
            if (html != null) {
                HtmlReport.write(report, html);
            }
        } catch (IOException e) {
            command.commandLine().getErr().println(command.name() + ": cannot write a report: " + e.getMessage());
            return 1;
        }
        return report.failed() == 0 ? 0 : 1;
    }

    /**
     * Why the call must not be sent, or null. Without --lifecycle nothing may execute a plan the service holds, create
     * a policy or back up a resource (a body that is not JSON creates nothing); and no run deletes a checkpoint it did
     * not make, changes or deletes a policy it did not create, or restores a backup the service held before it.
     */
    static String refusal(CheckRun run, String lifecyclePlan, Call call) {
        String operation = run.operationOf(call);
        JsonNode body = Judge.parse(call.body());
        if (call.method().equals("POST") && !run.options.lifecycle()) {
            String planId = body == null ? "" : Holdings.normalized(body.at("/checkpoint/plan_id").asText());
            boolean held = run.holdings.policyIds().contains(planId)
                    || planId.equals(lifecyclePlan);
            if (held) {
                return "it would execute the backup policy " + planId + " in a read-only run";
            }
            if (body != null && "createBackupPolicy".equals(operation)) {
                return "it would create a backup policy in a read-only run";
            }
            if (body != null && "backupResource".equals(operation)) {
                return "it would back up a resource in a read-only run";
            }
        }
        if (call.method().equals("DELETE") && !"deleteBackupPolicy".equals(operation)) {
            String[] segments = call.path().split("/");
            String checkpoint = Holdings.normalized(segments[segments.length - 1]);
            boolean made = run.created.stream().map(Holdings::normalized).anyMatch(checkpoint::equals);
            if (!made && run.holdings.checkpointIds().contains(checkpoint)) {
                return "it would delete the checkpoint " + checkpoint + ", which the run did not make";
            }
        }
        if (TAG_CHANGES.contains(operation)) {
            // A tag is changed only on the run's own policy or backup (the path's resource_id).
            String resource = Holdings.normalized(call.path().split("/")[4]);
            boolean policies = operation.contains("Policy");
            boolean runs = policies ? run.createdPolicies.stream().map(Holdings::normalized).anyMatch(resource::equals)
                    : run.createdBackups.contains(resource);
            boolean held = policies ? run.holdings.policyIds().contains(resource) || resource.equals(lifecyclePlan)
                    : run.holdings.listedBackupIds().contains(resource);
            if (held && !runs) {
                return "it would change the tags of the " + (policies ? "backup policy " : "backup ") + resource
                        + ", which the run did not make";
            }
        }
        if ("updateBackupPolicy".equals(operation) || "deleteBackupPolicy".equals(operation)) {
            String[] segments = call.path().split("/");
            String policy = Holdings.normalized(segments[segments.length - 1]);
            boolean created = run.createdPolicies.stream().map(Holdings::normalized).anyMatch(policy::equals);
            if (!created && (run.holdings.policyIds().contains(policy) || policy.equals(lifecyclePlan))) {
                return "it would " + (call.method().equals("PUT") ? "change" : "delete") + " the backup policy " + policy
                        + ", which the run did not create";
            }
        }
        if ("createRestoration".equals(operation) && body != null) {
            String checkpoint = Holdings.normalized(body.at("/restore/checkpoint_id").asText());
            String backup = Holdings.normalized(body.at("/restore/parameters/checkpoint_item_id").asText());
            boolean runs = run.created.stream().map(Holdings::normalized).anyMatch(checkpoint::equals)
                    || run.createdBackups.contains(backup);
            if (!runs && (run.holdings.checkpointIds().contains(checkpoint) || run.holdings.listedBackupIds().contains(backup))) {
                return "it would restore a backup the service held before the run (checkpoint " + checkpoint + ", backup "
                        + backup + ")";
            }
        }
        return null;
    }

    private void checkOptions() {
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null
                || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw usageError("--base-url must be an http or https URL without query, e.g. http://127.0.0.1:8080, not " + baseUrl);
        }
        // It becomes a path segment as it is.
        if (!project.matches("[A-Za-z0-9_-]+")) {
            throw usageError("--project must be a project ID (letters, digits, '-', '_'), not '" + project + "'");
        }
        if (token.isBlank()) {
            throw usageError("--token must not be blank");
        }
        if ((otherToken == null) != (otherProject == null)) {
            throw usageError("--other-token and --other-project go together: the second project's token and its ID");
        }
        if (otherProject != null && (!otherProject.matches("[A-Za-z0-9_-]+") || otherProject.equals(project)
                || otherToken.isBlank() || otherToken.equals(token))) {
            throw usageError("--other-project must be another project's ID, and --other-token its own token, not the run's");
        }
        if (timeoutSeconds < 1) {
            throw usageError("--timeout must be at least 1 second");
        }
        if (maxCases < 0 || executions < 0) {
            throw usageError("--max-cases and --executions must not be negative");
        }
        if (rate != null && !(rate > 0)) {
            throw usageError("--rate must be above 0 requests per second, not " + rate);
        }
        for (Map.Entry<String, Duration> duration : Map.of("--max-time", maxTime, "--wait-timeout", waitTimeout,
                "--poll-interval", pollInterval).entrySet()) {
            if (duration.getValue().isNegative() || (duration.getValue().isZero() && !duration.getKey().equals("--poll-interval"))) {
                throw usageError(duration.getKey() + " must be above 0, not " + duration.getValue());
            }
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
