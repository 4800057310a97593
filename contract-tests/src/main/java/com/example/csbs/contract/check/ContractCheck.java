package com.example.csbs.contract.check;

import com.example.csbs.contract.CsbsSpec;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * {@code java -jar csbs-contract-check.jar --base-url URL --token T --project P}.
 * Prints one line per check and {@code N passed, N failed}; exits 0 only if every check passed.
 */
@Command(name = "csbs-contract-check",
        description = {
            "Sends the documented request and the documented error cases of the CSBS operation"
                    + " \"Executing a Backup Policy\" to a running service and validates every response against"
                    + " the spec (" + CsbsSpec.RESOURCE + ").",
            "The documented request really executes the backup policy: on a real service it creates a checkpoint."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every check passed", "1:a check failed", "2:invalid options"})
public final class ContractCheck implements Callable<Integer> {

    private static final String SLF4J_SIMPLE_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    @Spec
    CommandSpec command;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "Root of the service, e.g. https://csbs.eu-de.otc.t-systems.com or http://127.0.0.1:8080.")
    URI baseUrl;

    @Option(names = "--token", required = true, paramLabel = "TOKEN",
            description = "IAM token scoped to the project, sent as X-Auth-Token.")
    String token;

    @Option(names = "--project", required = true, paramLabel = "ID", description = "Project ID (project_id in the path).")
    String project;

    @Option(names = "--plan", paramLabel = "UUID",
            description = "Backup policy to execute (default: the plan of the spec's example request).")
    UUID plan;

    @Option(names = "--resource", paramLabel = "UUID",
            description = "Resource to back up; repeatable (default: the example's resources;"
                    + " with --plan alone none are sent, which backs up every resource of the plan).")
    List<UUID> resources = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time allowed to connect and for each response (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    public static void main(String[] args) {
        // The validator's libraries log through SLF4J; the checker's output is its own lines, so only errors.
        if (System.getProperty(SLF4J_SIMPLE_LEVEL) == null) {
            System.setProperty(SLF4J_SIMPLE_LEVEL, "error");
        }
        System.exit(new CommandLine(new ContractCheck()).execute(args));
    }

    @Override
    public Integer call() {
        checkOptions();
        PrintWriter out = command.commandLine().getOut();
        LiveChecks checks;
        try {
            checks = new LiveChecks(CsbsSpec.fromClasspath(),
                    new CheckpointsEndpoint(baseUrl, Duration.ofSeconds(timeoutSeconds)), project, token, plan, resources);
        } catch (IllegalStateException | UncheckedIOException e) { // a spec the checker cannot read: a build defect
            command.commandLine().getErr().println(command.name() + ": " + e.getMessage());
            return 1;
        }
        List<CheckResult> results = new ArrayList<>();
        checks.run(result -> {
            results.add(result);
            out.println(result.line());
            out.flush();
        });
        long failed = results.stream().filter(result -> !result.passed()).count();
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
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
        if (timeoutSeconds < 1) {
            throw usageError("--timeout must be at least 1 second");
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
