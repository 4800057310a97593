package com.example.csbs.contract.check;

import static com.example.csbs.contract.check.Checker.BACKUP;
import static com.example.csbs.contract.check.Checker.EVERY_KIND;
import static com.example.csbs.contract.check.Checker.PROJECT;
import static com.example.csbs.contract.check.Checker.SEED;
import static com.example.csbs.contract.check.Checker.TOKEN;
import static com.example.csbs.contract.check.Checker.check;
import static com.example.csbs.contract.check.Checker.lifecycle;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.contract.check.Checker.Run;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The live checker, run in-process against the stub and against services that answer as the spec allows. */
class ContractCheckTest {

    private static final Path REPORTS = Path.of("target", "contract-check");

    private static StubServer stub;

    @BeforeAll
    static void startStub() {
        stub = Checker.stubWithBackups(Checker.AT_ONCE);
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    /**
     * The whole contract, with the lifecycle, against a stub whose backups take a moment to make and to delete: every
     * check passes, thousands of generated cases within the time bound. The reports stay in target/contract-check.
     */
    @Test
    void passesEveryCheckAgainstTheStub() {
        try (StubServer slow = Checker.stubWithBackups(StubOptions.defaults()
                .withBackupDuration(Duration.ofMillis(200)).withDeleteDuration(Duration.ofMillis(100)))) {
            Run run = check(slow.baseUri(), lifecycle("--executions", "5", "--max-cases", "3000", "--max-time", "5m",
                    "--failing-plan", Checker.FAILING, "--other-token", Checker.OTHER_TOKEN, "--other-project", Checker.OTHER_PROJECT,
                    "--junit-xml", REPORTS.resolve("stub.xml").toString(), "--html", REPORTS.resolve("stub.html").toString()));

            System.out.println("csbs-contract-check against the stub: " + run.summary().group() + "; " + run.out().get(run.out().size() - 1));
            assertThat(run.failures()).as(run.toString()).isEmpty();
            // Skipped only where the data cannot show a rule: the data set's policies share one status, and a backup
            // made in 200 ms may be available before the check looks at it.
            assertThat(run.checks()).as(run.toString()).filteredOn(line -> !line.startsWith("PASS  ")).allMatch(line ->
                    line.startsWith("SKIP  listBackupPolicies: sort by status ") || line.startsWith("SKIP  deleteBackup: a backup being made "));
            assertThat(run.out().get(0)).isEqualTo("csbs-contract-check " + slow.baseUri().toString().replaceAll("/$", "")
                    + ", project " + PROJECT + ", with the lifecycle (executes and deletes); seed " + SEED + " (--seed " + SEED
                    + " replays the run)");
            // 53 documented (10 examples, 37 error cases, 6 of the lifecycle's), 5 tolerance, 4 paging, 26 lifecycle (7 of the
            // execution, 18 of the policy and the resource's backup, the clean-up), 27 generated (listQuotas: valid only);
            // and the checks of meaning: 6 making the read checks' backups, 37 of the listings (22 filters and 2 policy_id
            // filters of listBackups and countBackups, the policies' name; 2 default orders, 6 + 4 sort keys), 9 isolation,
            // 8 state rules; and tag management: 26 reading (per kind: 2 page examples, 5 query criteria, 6 documented
            // errors), 15 of the lifecycle (per kind 6 changes, a second backup's tag, the policy made and its tags
            // gone with it) and 22 generated (the two project tag lists: valid only)
            assertThat(run.count(1) + run.count(3)).as("passed and skipped").isEqualTo(53 + 5 + 4 + 26 + 27 + 6 + 37 + 9 + 8
                    + 26 + 15 + 22);
            assertThat(run.count(4)).as("generated cases: --max-cases and --executions").isEqualTo(3000 + 5);
            // With the lifecycle, a mutation that leaves a valid execution of its plan is not sent as a generated case.
            assertThat(run.out()).anyMatch(line -> line.matches("mutation kinds made: 9[45]\\d of 957 \\(with --lifecycle, a mutation"
                    + " that leaves a valid execution of its plan is not sent\\)"));
            assertThat(run.err()).isEmpty();
            assertThat(run.exitCode()).isZero();
        }
    }

    @Test
    void aRunWithoutTheLifecycleExecutesAndDeletesNothing() {
        String before = Checker.holdings(stub.baseUri());

        Run run = check(stub.baseUri(), "--max-cases", Integer.toString(EVERY_KIND));

        assertThat(run.failures()).as(run.toString()).isEmpty();
        assertThat(run.checks()).noneMatch(line -> line.matches("(PASS|FAIL|SKIP) {2}(lifecycle: |executeBackupPolicy: documented request).*"));
        assertThat(run.out()).contains("mutation kinds made: 758 of 758");
        assertThat(Checker.holdings(stub.baseUri())).as("the project's backups and their count").isEqualTo(before);
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void theSameSeedSendsTheSameRequests() {
        List<List<String>> sent = new ArrayList<>();
        for (String seed : List.of("7", "7", "8")) {
            try (WrongCsbs recording = WrongCsbs.inFrontOf(stub.baseUri(), answer -> answer)) {
                Run run = Checker.run("--base-url", recording.baseUri().toString(), "--token", TOKEN, "--project", PROJECT,
                        "--seed", seed, "--max-cases", "300");
                assertThat(run.out().get(0)).endsWith("; seed " + seed + " (--seed " + seed + " replays the run)");
                assertThat(run.exitCode()).as(run.toString()).isZero();
                sent.add(recording.received().stream().map(request -> request.replace(recording.baseUri().toString(), "")).toList());
            }
        }

        assertThat(sent.get(0)).hasSizeGreaterThan(300).isEqualTo(sent.get(1));
        assertThat(sent.get(2)).isNotEqualTo(sent.get(0));
    }

    @Test
    void saysHowManyCasesMakeEveryMutationKind() {
        Run run = check(stub.baseUri(), "--max-cases", "100");

        assertThat(run.out()).last().isEqualTo("mutation kinds made: 56 of 758 (--max-cases 1522 makes every one)");
    }

    @Test
    void aRunWithoutSeedPrintsTheOneItDrew() {
        Run run = Checker.run("--base-url", stub.baseUri().toString(), "--token", TOKEN, "--project", PROJECT, "--max-cases", "0");

        assertThat(run.out().get(0)).matches(".*; seed (\\d+) \\(--seed \\1 replays the run\\)");
        assertThat(run.summary().group(7)).isEqualTo(run.out().get(0).replaceAll(".*; seed (\\d+) .*", "$1"));
        assertThat(run.count(4)).as("generated cases").isZero();
    }

    @Test
    void boundsTheGeneratedCasesByTime() {
        Run run = check(stub.baseUri(), "--max-cases", "1000000", "--max-time", "1s");

        assertThat(run.out()).anyMatch(line -> line.matches("generated cases stopped at --max-time after \\d+ of 1000000"));
        assertThat(run.count(4)).isBetween(1, 999_999);
        assertThat(Double.parseDouble(run.summary().group(6))).as("seconds").isLessThan(1 + 2.0);
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void sendsNoMoreRequestsPerSecondThanAllowed() {
        long start = System.nanoTime();
        Run run = check(stub.baseUri(), "--max-cases", "20", "--rate", "100");
        double seconds = (System.nanoTime() - start) / 1e9;

        int requests = run.count(5);
        assertThat(requests).isGreaterThan(50);
        assertThat(seconds).as("%d requests at 100 per second", requests).isGreaterThanOrEqualTo((requests - 1) / 100.0);
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void sendsTheGivenPlanAndResources() {
        try (StubServer fresh = Checker.stubWithBackups(Checker.AT_ONCE)) {
            // The stub's other plan: the example's resources are not in it, so they must not be sent.
            Run run = check(fresh.baseUri(), lifecycle("--max-cases", "0", "--executions", "0", "--plan", BACKUP,
                    "--resource", "1c960fe4-e679-421a-97cd-4f7463d2344b"));

            assertThat(run.checks()).as(run.toString()).contains("PASS  executeBackupPolicy: documented request -> 200",
                    "PASS  lifecycle: the backups of the checkpoint -> one per resource, each available");
            assertThat(run.failures()).as(run.toString()).isEmpty();
        }
    }

    @Test
    void sendsNoResourcesWithAPlanAlone() {
        try (StubServer fresh = Checker.stubWithBackups(Checker.AT_ONCE)) {
            Run run = check(fresh.baseUri(), lifecycle("--max-cases", "0", "--executions", "0", "--plan", Checker.DAILY));

            assertThat(run.checks()).contains("PASS  executeBackupPolicy: documented request -> 200");
            assertThat(run.failures()).as(run.toString()).isEmpty();
        }
    }

    @Test
    void saysWhenTheRequestItSentIsNotValid() {
        try (StubServer fresh = Checker.stubWithBackups(Checker.AT_ONCE)) {
            // The spec wants unique resources; the options allow repeating one.
            Run run = check(fresh.baseUri(), lifecycle("--max-cases", "0", "--executions", "0", "--resource", "7a32a8b5-7977-4e24-b5da-e0eb457db75b",
                    "--resource", "7a32a8b5-7977-4e24-b5da-e0eb457db75b"));

            assertThat(run.failure("executeBackupPolicy: documented request -> 200"))
                    .contains("the request sent is not valid against the spec: [[Path '/checkpoint/parameters/resources']");
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    /** A service that answers as the spec allows, otherwise than the stub: extra fields everywhere, and more. */
    @Test
    void raisesNoFalseAlarmOnWhatTheSpecLeavesOpen() {
        // Backups of 500 ms, not 50: the restoration of the resource's backup while it is being made is judged on one
        // read just before it, and on a loaded machine 50 ms passed between the read and the restoration (a backup
        // available by then, rightly restored, was a false alarm of the test's making).
        try (StubServer fresh = Checker.stubWithBackups(StubOptions.defaults()
                .withBackupDuration(Duration.ofMillis(500)).withDeleteDuration(Duration.ofMillis(50)));
             WrongCsbs lenient = WrongCsbs.inFrontOf(fresh.baseUri(), Services.LENIENT_BUT_CORRECT)) {
            Run run = check(lenient.baseUri(), lifecycle("--max-cases", Integer.toString(EVERY_KIND)));

            assertThat(run.failures()).as(run.toString()).isEmpty();
            assertThat(run.count(4)).isEqualTo(EVERY_KIND + 2);
            assertThat(run.exitCode()).isZero();
        }
    }

    /** Invalid path IDs answered 404 rather than 400, other error messages: both documented, both correct. */
    @Test
    void raisesNoFalseAlarmOnOtherDocumentedChoices() {
        try (WrongCsbs other = WrongCsbs.inFrontOf(stub.baseUri(), Services.OTHER_DOCUMENTED_CHOICES)) {
            Run run = check(other.baseUri(), "--max-cases", Integer.toString(EVERY_KIND));

            assertThat(run.failures()).as(run.toString()).isEmpty();
            assertThat(run.exitCode()).isZero();
        }
    }

    /**
     * The README's checker commands use the checker's options as they are (the command lines parse, environment
     * variables standing for their values), and every option the section names exists.
     */
    @Test
    void theReadmesCommandsAndOptionsAreTheCheckers() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## Checking a running service"), readme.indexOf("## API docs"));
        Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> commands = new ArrayList<>();
        while (block.find()) {
            commands.add(block.group(1).replace("\\\n", " ").strip());
        }
        CommandLine checker = new CommandLine(new ContractCheck());

        assertThat(commands).hasSize(2).allSatisfy(command -> {
            assertThat(command).matches("java -jar (contract-tests/target/)?csbs-contract-check\\.jar .*");
            String[] args = command.replaceFirst("java -jar \\S+ ", "").replace("\"$CSBS_URL\"", "https://csbs.example")
                    .replace("\"$CSBS_TOKEN\"", TOKEN).replace("\"$CSBS_PROJECT\"", PROJECT).split(" +");
            assertThat(checker.parseArgs(args).errors()).as(command).isEmpty();
        });
        Matcher option = Pattern.compile("`(--[a-z-]+)").matcher(section);
        while (option.find()) {
            assertThat(checker.getCommandSpec().findOption(option.group(1))).as(option.group(1)).isNotNull();
        }
    }

    /** An administrator's token may query all tenants (200 where others get 403); its project holds nothing. */
    @Test
    void raisesNoFalseAlarmWithAnAdministratorsToken() {
        Run run = Checker.run("--base-url", stub.baseUri().toString(), "--token", "csbs-admin-token",
                "--project", "0a1d2b3c4d5e4f60a7b8c9d0e1f2a3b4", "--seed", Long.toString(SEED), "--max-cases", Integer.toString(EVERY_KIND));

        assertThat(run.failures()).as(run.toString()).isEmpty();
        assertThat(run.checks()).contains(
                "SKIP  getBackupPolicy: page example GET /v1/{project_id}/policies/{policy_id} -> 200:"
                        + " the service lists no backup policy to query (--plan names one)",
                "SKIP  listBackups: paging by marker -> each item once: the service lists 0 checkpoint_items: nothing to page");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void reportsAServiceThatDoesNotAnswerInTime() {
        Run run;
        AtomicBoolean first = new AtomicBoolean(true);
        try (WrongCsbs slow = WrongCsbs.inFrontOf(stub.baseUri(), (request, service) -> {
            if (first.getAndSet(false)) { // the first example: the policies
                Thread.sleep(2_000);
            }
            return service.forward(request);
        })) {
            run = check(slow.baseUri(), "--timeout", "1", "--max-cases", "0");
        }

        // Only this line: on a busy machine another check may take longer than 1 s as well.
        assertThat(run.failure("listBackupPolicies: page example GET /v1/{project_id}/policies -> 200"))
                .endsWith(": no response within 1 s");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void reportsAnUnreachableServiceOnEveryLineWithoutAStackTrace() {
        int closedPort = freePort();

        Run run = check(URI.create("http://127.0.0.1:" + closedPort));

        String refused = "cannot connect to 127.0.0.1:" + closedPort + ": connection refused or closed";
        assertThat(run.checks()).filteredOn(line -> !line.startsWith("SKIP")).hasSizeGreaterThan(30)
                .allSatisfy(line -> assertThat(line).startsWith("FAIL  ").contains(refused));
        assertThat(run.out()).contains("generated cases stopped after 20 requests in a row without a response");
        assertThat(run.count(4)).as("generated cases").isEqualTo(20);
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void rejectsMissingOrInvalidOptionsAsAUsageError() {
        Run noToken = Checker.run("--base-url", stub.baseUri().toString(), "--project", PROJECT);
        Run badPlan = check(stub.baseUri(), "--plan", "plan-1");
        Run badUrl = Checker.run("--base-url", "ftp://127.0.0.1/", "--token", TOKEN, "--project", PROJECT);
        Run badTime = check(stub.baseUri(), "--max-time", "10");
        Run badRate = check(stub.baseUri(), "--rate", "0");
        Run badCases = check(stub.baseUri(), "--max-cases", "-1");

        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).startsWith("Missing required option: '--token=TOKEN'");
        assertThat(badPlan.exitCode()).isEqualTo(2);
        assertThat(badPlan.err()).contains("--plan", "plan-1");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).startsWith("--base-url must be an http or https URL");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).contains("'10' needs a unit: ms, s, m or h");
        assertThat(badRate.exitCode()).isEqualTo(2);
        assertThat(badRate.err()).startsWith("--rate must be above 0 requests per second, not 0.0");
        assertThat(badCases.exitCode()).isEqualTo(2);
        assertThat(badCases.err()).startsWith("--max-cases and --executions must not be negative");
        assertThat(Stream.of(noToken, badPlan, badUrl, badTime, badRate, badCases)).allSatisfy(run -> assertThat(run.out()).isEmpty());
    }

    @Test
    void printsItsHelp() {
        Run help = Checker.run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(String.join("\n", help.out())).startsWith("Usage: csbs-contract-check")
                .contains("--base-url=URL", "--token=TOKEN", "--project=ID", "--plan=UUID", "--resource=UUID", "--timeout=SECONDS",
                        "--lifecycle", "--executions=N", "--seed=N", "--max-cases=N", "--max-time=DURATION", "--rate=PER_SECOND",
                        "--poll-interval=DURATION", "--wait-timeout=DURATION", "--junit-xml=FILE", "--html=FILE",
                        "0   no check failed", "1   a check failed", "2   invalid options");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
