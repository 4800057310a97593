package com.example.csbs.stub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line's admin token, run as {@code java -jar} runs it (a JVM of its own): off loopback without a
 * token it does not start, saying so in one line (exit code 2, as for other bad options); a token file it cannot
 * use is refused the same way; with the token it starts locked, and the token shows in none of its output.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StubCommandLineTest {

    private static final String SECRET = "cli-s3cret-admin-token";
    private static final Pattern LISTENING = Pattern.compile("CSBS stub listening on http://[^:]+:(\\d+) \\(Ctrl-C stops it\\)");

    @TempDir
    Path directory;

    @Test
    void offLoopbackWithoutATokenItDoesNotStartAndSaysWhyInOneLine() throws Exception {
        Finished run = run("--host", "0.0.0.0", "--port", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).containsExactly("csbs-server-stub: refusing to listen on 0.0.0.0 without an admin token:"
                + " anyone who can reach it could change its setup; give one with --admin-token TOKEN or --admin-token-file PATH"
                + " (StubOptions.withAdminToken in-process), or listen on 127.0.0.1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a file that is not there", "an empty file", "a file of white space", "a directory"})
    void aTokenFileItCannotUseIsRefusedInOneLine(String what) throws Exception {
        Path file = directory.resolve("admin-token");
        switch (what) {
            case "an empty file" -> Files.writeString(file, "");
            case "a file of white space" -> Files.writeString(file, " \n\t\n");
            case "a directory" -> Files.createDirectory(file);
            default -> { } // not there
        }

        Finished run = run("--host", "0.0.0.0", "--port", "0", "--admin-token-file", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).singleElement().asString()
                .startsWith("csbs-server-stub: invalid --admin-token-file " + file + ": ")
                .endsWith(what.equals("a file that is not there") || what.equals("a directory") ? ")" : ": is empty");
    }

    @Test
    void bothTokenOptionsAreRefusedInOneLine() throws Exception {
        Path file = Files.writeString(directory.resolve("admin-token"), SECRET);

        Finished run = run("--port", "0", "--admin-token", SECRET, "--admin-token-file", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).containsExactly("csbs-server-stub: give --admin-token or --admin-token-file, not both");
    }

    @Test
    void withATokenFromAFileItStartsOffLoopbackLockedAndPrintsTheTokenNowhere() throws Exception {
        Path file = Files.writeString(directory.resolve("admin-token"), "  " + SECRET + "\n"); // as an editor leaves it
        Started stub = start("--host", "0.0.0.0", "--port", "0", "--admin-token-file", file.toString());
        try {
            String line = stub.firstLine();
            Matcher listening = LISTENING.matcher(line);
            assertThat(listening.matches()).as(line).isTrue();
            URI base = URI.create("http://127.0.0.1:" + listening.group(1));

            assertThat(get(base, "/__admin/setup", null).statusCode()).isEqualTo(401);
            assertThat(get(base, "/__admin/setup", "Bearer " + SECRET).statusCode()).isEqualTo(200);
            assertThat(get(base, "/__admin/requests", "Bearer " + SECRET).body()).doesNotContain(SECRET);
        } finally {
            stub.process().destroy(); // SIGTERM: the shutdown hook stops the stub
            assertThat(stub.process().waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
        }

        assertThat(Files.readString(stub.stdout())).doesNotContain(SECRET);
        assertThat(Files.readString(stub.stderr())).doesNotContain(SECRET);
    }

    /** How a run that ended went: its exit code and its output, by line. */
    private record Finished(int exitCode, List<String> stdout, List<String> stderr) {
    }

    /** A stub's JVM, writing its output to files (a stopped process's pipes are closed with it). */
    private record Started(Process process, Path stdout, Path stderr) {

        /** Its first line on stdout, once written in full. */
        String firstLine() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String written = Files.readString(stdout);
                if (written.contains("\n")) {
                    return written.substring(0, written.indexOf('\n'));
                }
                assertThat(process.isAlive()).as("the stub runs; stderr: %s", Files.readString(stderr)).isTrue();
                Thread.sleep(50); // polls a file the JVM starting up writes, not the stub's clock
            }
            throw new AssertionError("no line from the stub within 60 s");
        }
    }

    private Finished run(String... arguments) throws Exception {
        Started stub = start(arguments);
        assertThat(stub.process().waitFor(60, TimeUnit.SECONDS)).as("ended").isTrue();
        return new Finished(stub.process().exitValue(), Files.readAllLines(stub.stdout()), Files.readAllLines(stub.stderr()));
    }

    // The stub's main class in a JVM of its own, on this test's class path (surefire names it in a property of its own).
    private Started start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                StubServer.class.getName()));
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile(directory, "stdout", ".txt");
        Path stderr = Files.createTempFile(directory, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return new Started(process, stdout, stderr);
    }

    private static HttpResponse<String> get(URI base, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
