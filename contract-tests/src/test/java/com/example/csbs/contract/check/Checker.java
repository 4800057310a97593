package com.example.csbs.contract.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the checker in-process, as its command line does, and reads what it printed; starts stubs with backups. */
final class Checker {

    static final String TOKEN = "csbs-demo-token";
    static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    static final String PROVIDER = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";
    static final String DAILY = "62171999-3df1-42f7-9513-6f9b1bea4744";
    static final String BACKUP = "6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c";
    static final String FAILING = "0b7e8f2a-5c3d-4e1f-9a6b-8c7d6e5f4a3b";
    static final long SEED = 20_261_123L;
    /** The data set's second project: its token, its ID and its policy. */
    static final String OTHER_TOKEN = "csbs-other-project-token";
    static final String OTHER_PROJECT = "5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60";
    static final String OTHER_PLAN = "9f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f";

    /** The options that name the second project. */
    static List<String> otherProject() {
        return List.of("--other-token", OTHER_TOKEN, "--other-project", OTHER_PROJECT);
    }

    /**
     * Generated cases for every mutation kind of a read-only run to be made at least once: the cases go to the 24
     * operations a read-only run generates for in shares of their mutation kinds (758 in all; listQuotas and the two
     * project tag lists have none, and a share of 1 each), every other one invalid.
     */
    static final int EVERY_KIND = 2 * (758 + 3);
    /** Options for a quick lifecycle against a stub whose backups take a moment (a wait bound of 5 s unless given). */
    static String[] lifecycle(String... options) {
        List<String> all = new ArrayList<>(List.of("--lifecycle", "--poll-interval", "20ms"));
        if (!List.of(options).contains("--wait-timeout")) {
            all.addAll(List.of("--wait-timeout", "5s"));
        }
        all.addAll(List.of(options));
        return all.toArray(String[]::new);
    }

    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) passed, (\\d+) failed, (\\d+) skipped; (\\d+) generated cases, (\\d+) requests in ([\\d.]+) s; seed (\\d+)");

    private Checker() {
    }

    /** What the checker printed and returned. */
    record Run(int exitCode, List<String> out, String err) {

        /** The check lines (PASS, FAIL, SKIP), without the lines under a FAIL. */
        List<String> checks() {
            return out.stream().filter(line -> line.matches("(PASS|FAIL|SKIP) {2}.*")).toList();
        }

        List<String> failures() {
            return out.stream().filter(line -> line.startsWith("FAIL  ")).toList();
        }

        /** The failed checks by title ({@code name -> expected}), in order. */
        List<String> failedChecks() {
            return failures().stream().map(Run::title).toList();
        }

        /** The FAIL line of the check with this title. */
        String failure(String title) {
            return failures().stream().filter(line -> title(line).equals(title)).findFirst()
                    .orElseThrow(() -> new AssertionError("no FAIL line for " + title + " in\n" + String.join("\n", out)));
        }

        Matcher summary() {
            Matcher summary = out.stream().map(SUMMARY::matcher).filter(Matcher::matches).findFirst()
                    .orElseThrow(() -> new AssertionError("no summary in\n" + String.join("\n", out)));
            return summary;
        }

        int count(int group) {
            return Integer.parseInt(summary().group(group));
        }

        private static String title(String line) {
            String check = line.substring(6);
            int arrow = check.indexOf(" -> ");
            int colon = check.indexOf(": ", arrow);
            return (colon < 0 ? check : check.substring(0, colon)).replaceAll(" \\(\\d+ cases\\)$", "");
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + String.join("\n", out) + (err.isEmpty() ? "" : "\nstderr: " + err);
        }
    }

    /** A run against the service with the demo token and project, the test seed, and these options. */
    static Run check(URI baseUrl, String... options) {
        List<String> args = new ArrayList<>(List.of("--base-url", baseUrl.toString(), "--token", TOKEN, "--project", PROJECT,
                "--seed", Long.toString(SEED)));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new picocli.CommandLine(new ContractCheck())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exitCode, out.toString().lines().toList(), err.toString());
    }

    /** Backups made and deleted at once. */
    static final StubOptions AT_ONCE = StubOptions.defaults().withBackupDuration(Duration.ZERO).withDeleteDuration(Duration.ZERO);

    /** A stub holding backups of every policy of the demo project: a few of each, the failing policy's in error. */
    static StubServer stubWithBackups(StubOptions options) {
        StubServer stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), options);
        for (String plan : List.of(DAILY, BACKUP, FAILING, DAILY, BACKUP, DAILY)) {
            execute(stub.baseUri(), plan);
        }
        // The second project holds backups too: a correct service keeps them apart.
        execute(stub.baseUri(), OTHER_PROJECT, OTHER_TOKEN, OTHER_PLAN);
        return stub;
    }

    static String execute(URI service, String plan) {
        return execute(service, PROJECT, TOKEN, plan);
    }

    static String execute(URI service, String project, String token, String plan) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(service.resolve(
                        "/v1/" + project + "/providers/" + PROVIDER + "/checkpoints"))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"checkpoint\": {\"plan_id\": \"" + plan + "\", \"parameters\": {}}}"))
                .build());
        assertThat(response.statusCode()).as("executing %s: %s", plan, response.body()).isEqualTo(200);
        return response.body();
    }

    /** A run against the service in front of the stub, which must fail (exit 1): a wrong service's run. */
    static Run failing(URI stub, WrongCsbs.Fault fault, String... options) {
        try (WrongCsbs wrong = WrongCsbs.inFrontOf(stub, fault)) {
            Run run = check(wrong.baseUri(), options);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            return run;
        }
    }

    /** As {@link #failing}, in front of a fresh stub with backups made with these options. */
    static Run failingOnFresh(StubOptions stubOptions, WrongCsbs.Fault fault, String... options) {
        try (StubServer fresh = stubWithBackups(stubOptions)) {
            return failing(fresh.baseUri(), fault, options);
        }
    }

    /**
     * The options of a quick lifecycle that every check of meaning can judge on: --failing-plan, the second project, no
     * generated executions or cases.
     */
    static String[] meaningLifecycle(String... more) {
        List<String> options = new ArrayList<>(List.of("--executions", "0", "--max-cases", "0", "--failing-plan", FAILING));
        options.addAll(otherProject());
        options.addAll(List.of(more));
        return lifecycle(options.toArray(String[]::new));
    }

    /** The demo project's backups and their number, as the stub answers them. */
    static String holdings(URI service) {
        return get(service, "/v1/" + PROJECT + "/checkpoint_items") + get(service, "/v1/" + PROJECT + "/checkpoint_items/count");
    }

    private static String get(URI service, String path) {
        return send(HttpRequest.newBuilder(service.resolve(path)).header("X-Auth-Token", TOKEN).build()).body();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
