package com.example.csbs.stub;

import com.example.csbs.stub.backup.BackupResource;
import com.example.csbs.stub.backup.BackupStore;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.http.FaultInjection;
import com.example.csbs.stub.http.IamTokenFilter;
import com.example.csbs.stub.http.RequestGuard;
import com.example.csbs.stub.journal.JournalOptions;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the stub on the JDK's HTTP server: {@code java -jar csbs-server-stub.jar [--host H] [--port P] [--data FILE]}.
 * Tests start it in-process with {@link #start(String, int, ResourceConfig)}.
 */
public final class StubServer implements AutoCloseable {

    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final String DRAIN_AMOUNT = "sun.net.httpserver.drainAmount";

    private final HttpServer server;
    private final ExecutorService workers;
    private final URI baseUri;

    private StubServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
        this.baseUri = URI.create("http://" + hostForUri(server.getAddress().getHostString()) + ":"
                + server.getAddress().getPort() + "/");
    }

    /** Starts the application on host:port (port 0 picks a free one) and returns once it accepts requests. */
    public static StubServer start(String host, int port, ResourceConfig application) {
        // Read once, when the JDK server is first used; an explicit -D setting wins. Small responses go
        // out at once instead of waiting on Nagle's algorithm. A body the stub refused unread (invalid
        // JSON stops the parser early) is drained up to the body limit rather than 64 KB, so that the
        // connection stays open for the client's next request instead of closing under it.
        VALIDATOR_LOG.setLevel(Level.WARNING); // also when a test starts the stub in-process
        System.setProperty(NODELAY, System.getProperty(NODELAY, "true"));
        System.setProperty(DRAIN_AMOUNT, System.getProperty(DRAIN_AMOUNT, String.valueOf(RequestGuard.MAX_BODY_BYTES)));
        URI requested = URI.create("http://" + hostForUri(host) + ":" + port + "/");
        HttpServer server = JdkHttpServerFactory.createHttpServer(requested, application, false);
        // Without an executor the JDK server answers on its single dispatcher thread.
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(4, 4 * Runtime.getRuntime().availableProcessors()));
        server.setExecutor(workers);
        server.start();
        return new StubServer(server, workers);
    }

    /** Starts the stub on the given data set (the embedded default: {@link BackupDataSet#embeddedDefault()}) with default options. */
    public static StubServer start(String host, int port, BackupDataSet dataSet) {
        return start(host, port, dataSet, StubOptions.defaults());
    }

    /** Starts the stub on the given data set with the given options (a clock the test moves, say). */
    public static StubServer start(String host, int port, BackupDataSet dataSet, StubOptions options) {
        return start(host, port, new StubApplication(dataSet, options));
    }

    public URI baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An execution the data set accepts, one it refuses and a listing, over HTTP: 0 when each is answered as it should be. */
    private static int warmUp(StubServer stub, BackupDataSet dataSet) {
        BackupDataSet.Project project = dataSet.projects().get(0);
        BackupDataSet.Policy plan = project.policies().get(0);
        String resources = plan.resources().stream()
                .map(resource -> "\"" + resource.id() + "\"")
                .collect(Collectors.joining(", "));
        String good = "{\"checkpoint\": {\"plan_id\": \"" + plan.id() + "\", \"parameters\": {\"auto_trigger\": false,"
                + " \"resources\": [" + resources + "]}}}";
        URI checkpoints = stub.baseUri().resolve("v1/" + project.id() + "/providers/" + BackupResource.CSBS_PROVIDER_ID
                + "/checkpoints");
        try {
            int accepted = post(checkpoints, project.token(), good);
            int refused = post(checkpoints, project.token(), "{\"checkpoint\": {}}");
            int listed = get(stub.baseUri().resolve("v1/" + project.id() + "/checkpoint_items?sort=name:asc"), project.token());
            System.out.println("warm-up: " + accepted + ", " + refused + ", " + listed);
            return accepted == 200 && refused == 400 && listed == 200 ? 0 : 1;
        } catch (IOException e) {
            System.err.println("csbs-server-stub: warm-up request failed: " + e.getMessage());
            return 1;
        }
    }

    private static int get(URI uri, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestProperty(IamTokenFilter.TOKEN_HEADER, token);
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            in.readAllBytes();
        }
        return status;
    }

    private static int post(URI uri, String token, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty(IamTokenFilter.TOKEN_HEADER, token);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            in.readAllBytes();
        }
        return status;
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    // Held so that its level is not lost when the logger is collected; its start-up banner is noise here.
    private static final Logger VALIDATOR_LOG = Logger.getLogger("org.hibernate.validator");

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    @Command(name = "csbs-server-stub",
            description = "Local stand-in for CSBS: executing backup policies, the backups they create, their deletion, and the policies.")
    static final class Cli implements Callable<Integer> {

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "8080", description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--data", paramLabel = "FILE", description = "Data set JSON file (default: the embedded one, see README).")
        Path data;

        @Option(names = "--max-checkpoints", paramLabel = "N", defaultValue = "" + BackupStore.DEFAULT_CAPACITY,
                description = "Checkpoints kept in memory with their backups; past it one goes, the oldest finished"
                        + " first (default: ${DEFAULT-VALUE}).")
        int maxCheckpoints;

        @Option(names = "--backup-duration", paramLabel = "DURATION", defaultValue = "3s", converter = DurationConverter.class,
                description = "How long a backup takes from waiting_protect to available: 0, 500ms, 3s, 2m, or ISO-8601"
                        + " like PT3S (default: ${DEFAULT-VALUE}).")
        Duration backupDuration;

        @Option(names = "--delete-duration", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
                description = "How long a deleted backup stays waiting_delete/deleting before it is gone (default: ${DEFAULT-VALUE}).")
        Duration deleteDuration;

        @Option(names = "--reject-concurrent-executions",
                description = "Answer 500 CSBS.1001 (CSBS.6030) to executing a policy while a manual (automatic) backup"
                        + " of it is still being created, as CSBS does (off by default: load tests execute the same"
                        + " policy over and over).")
        boolean rejectConcurrentExecutions;

        @Option(names = "--failure-rate", paramLabel = "R", defaultValue = "0",
                description = "Share of requests, 0 to 1, answered with --failure-status unasked (default: ${DEFAULT-VALUE}).")
        double failureRate;

        @Option(names = "--failure-status", paramLabel = "S", defaultValue = "503",
                description = "500 (CSBS.9999) or 503 (CSBS.9998) (default: ${DEFAULT-VALUE}).")
        int failureStatus;

        @Option(names = "--journal-size", paramLabel = "N", defaultValue = "" + JournalOptions.DEFAULT_SIZE,
                description = "Requests the request journal keeps (GET /__admin/requests), the oldest dropped past it;"
                        + " 0 switches it off, for load tests (default: ${DEFAULT-VALUE}).")
        int journalSize;

        @Option(names = "--journal-body-limit", paramLabel = "BYTES", defaultValue = "" + JournalOptions.DEFAULT_BODY_LIMIT,
                description = "Bytes of a request body the journal keeps (default: ${DEFAULT-VALUE}).")
        int journalBodyLimit;

        @Option(names = "--exit-after-warm-up", hidden = true,
                description = "Answer one good and one bad request, then exit: the build runs this to record the"
                        + " class data sharing archive that makes start-up fast.")
        boolean exitAfterWarmUp;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            StubOptions options;
            try {
                options = StubOptions.defaults()
                        .withMaxCheckpoints(maxCheckpoints)
                        .withBackupDuration(backupDuration)
                        .withDeleteDuration(deleteDuration)
                        .withRejectConcurrentExecutions(rejectConcurrentExecutions)
                        .withFaults(new FaultInjection(failureRate, failureStatus))
                        .withJournal(new JournalOptions(journalSize, journalBodyLimit));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "invalid option: " + e.getMessage());
            }
            BackupDataSet dataSet;
            try {
                dataSet = data == null ? BackupDataSet.embeddedDefault() : BackupDataSet.read(data);
            } catch (BackupDataSet.InvalidDataSetException e) {
                System.err.println("csbs-server-stub: invalid --data file " + e.getMessage());
                return 2;
            }
            StubApplication application = new StubApplication(dataSet, options);
            StubServer stub;
            try {
                stub = start(host, port, application);
            } catch (RuntimeException e) { // Jersey wraps the bind failure (address in use, unknown host)
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                System.err.println("csbs-server-stub: cannot listen on " + host + ":" + port + ": " + cause.getMessage());
                return 1;
            }
            if (exitAfterWarmUp) {
                try (stub) {
                    return warmUp(stub, dataSet);
                }
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stub.close();
                stopped.countDown();
            }, "csbs-stub-shutdown"));
            System.out.println("CSBS stub listening on " + stub.baseUri() + " (Ctrl-C stops it)");
            System.out.flush();
            stopped.await();
            return 0;
        }
    }

    /** Durations as people write them ({@code 0}, {@code 500ms}, {@code 3s}, {@code 2m}) or in ISO-8601 ({@code PT3S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final java.util.regex.Pattern SIMPLE = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            var simple = SIMPLE.matcher(value.trim());
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                String unit = simple.group(2);
                if (unit == null && amount != 0) {
                    throw new CommandLine.TypeConversionException("'" + value + "' needs a unit: ms, s, m or h");
                }
                return switch (unit == null ? "s" : unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                };
            }
            try {
                return Duration.parse(value.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (0, 500ms, 3s, 2m or PT3S)");
            }
        }
    }
}
