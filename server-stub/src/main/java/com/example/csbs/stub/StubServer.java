package com.example.csbs.stub;

import com.example.csbs.stub.backup.BackupResource;
import com.example.csbs.stub.backup.BackupStore;
import com.example.csbs.stub.container.BufferedBody;
import com.example.csbs.stub.container.ConnectionLimits;
import com.example.csbs.stub.container.ConnectionWatch;
import com.example.csbs.stub.container.CsbsErrorPage;
import com.example.csbs.stub.container.Durations;
import com.example.csbs.stub.container.EmptyPathSegments;
import com.example.csbs.stub.container.Latency;
import com.example.csbs.stub.container.ResponseDelay;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.http.AdminToken;
import com.example.csbs.stub.http.FaultInjection;
import com.example.csbs.stub.http.IamTokenFilter;
import com.example.csbs.stub.journal.JournalOptions;
import com.example.csbs.stub.policy.PolicyStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the stub on Jetty: {@code java -jar csbs-server-stub.jar [--host H] [--port P] [--data FILE] ...}.
 * Tests start it in-process with {@link #start(String, int, BackupDataSet, StubOptions)}.
 *
 * <p>In front of Jersey, the server keeps every client within {@link ConnectionLimits}
 * ({@link ConnectionWatch}), reads request bodies without a thread waiting on the client
 * ({@link BufferedBody}) and delays answers on a timer ({@link ResponseDelay}), so that neither
 * stalled clients nor slow answers hold the workers Jersey runs on.
 */
public final class StubServer implements AutoCloseable {

    /**
     * Threads Jersey runs on. Requests reach it with their bodies read, but a client that does not read
     * its answer holds its thread until the idle timeout: Jetty's default ceiling, since idle threads
     * cost nothing.
     */
    private static final int MAX_WORKERS = 200;
    /**
     * Bytes of I/O buffers kept for reuse, heap and direct each: a burst of thousands of answers in
     * flight at once would otherwise leave that many buffers pooled (Jetty's default keeps up to an
     * eighth of the heap).
     */
    private static final long POOLED_BYTES = 16L << 20;
    /** Connections the kernel queues while the acceptor catches up (capped by net.core.somaxconn). */
    private static final int ACCEPT_QUEUE = 4096;

    private final Server server;
    private final ConnectionWatch watch;
    private final BufferedBody bodies;
    private final URI baseUri;

    private StubServer(Server server, ServerConnector connector, ConnectionWatch watch, BufferedBody bodies) {
        this.server = server;
        this.watch = watch;
        this.bodies = bodies;
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        this.baseUri = URI.create("http://" + hostForUri(host) + ":" + connector.getLocalPort());
    }

    /** Starts the application on host:port (port 0 picks a free one) with the default limits and no delay. */
    public static StubServer start(String host, int port, ResourceConfig application) {
        return start(host, port, application, ConnectionLimits.defaults(), Latency.NONE);
    }

    /** Starts the stub on the given data set (the embedded default: {@link BackupDataSet#embeddedDefault()}) with default options. */
    public static StubServer start(String host, int port, BackupDataSet dataSet) {
        return start(host, port, dataSet, StubOptions.defaults());
    }

    /**
     * Starts the stub on the given data set with the given options (a clock the test moves, say).
     *
     * @throws IllegalArgumentException on an address other than a loopback one without an admin token
     *                                  ({@link #ADMIN_TOKEN_REQUIRED})
     * @throws IllegalStateException    when it cannot listen there (the cause says why)
     */
    public static StubServer start(String host, int port, BackupDataSet dataSet, StubOptions options) {
        requireAdminTokenOffLoopback(host, port, options);
        return start(host, port, new StubApplication(dataSet, options), options.connections(), options.latency());
    }

    /** Why a stub others can reach does not start without an admin token: after "refusing to listen on HOST ". */
    static final String ADMIN_TOKEN_REQUIRED = "without an admin token: anyone who can reach it could change its setup;"
            + " give one with --admin-token TOKEN or --admin-token-file PATH (StubOptions.withAdminToken in-process),"
            + " or listen on 127.0.0.1";

    /**
     * A stub reachable from other machines locks its admin API, which can reset it and change its tokens. The
     * address is resolved as Jetty resolves it; 0.0.0.0, :: and no host at all (every interface) are not loopback.
     */
    private static void requireAdminTokenOffLoopback(String host, int port, StubOptions options) {
        if (options.adminToken() != null) {
            return;
        }
        boolean loopback;
        try {
            loopback = host != null && !host.isBlank() && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": unknown host", e);
        }
        if (!loopback) {
            throw new IllegalArgumentException("refusing to listen on " + host + " " + ADMIN_TOKEN_REQUIRED);
        }
    }

    /**
     * Starts the application on host:port (port 0 picks a free one) and returns once it accepts requests.
     *
     * @throws IllegalStateException when it cannot listen there (the cause says why)
     */
    public static StubServer start(String host, int port, ResourceConfig application, ConnectionLimits limits,
                                   Latency latency) {
        LOG_LEVELS.forEach(Logger::setLevel);
        QueuedThreadPool workers = new QueuedThreadPool(MAX_WORKERS, 8);
        workers.setName("csbs-stub");
        ScheduledExecutorScheduler timers = new ScheduledExecutorScheduler("csbs-stub-timers", true);
        Server server = new Server(workers, timers, new ArrayByteBufferPool(0, -1, -1, -1, POOLED_BYTES, POOLED_BYTES));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // No per-connection cache of the header fields it has seen: at Jetty's default size each kept-alive
        // connection holds about 100 KB of it, 200 MB for 2,000 idle connections.
        http.setHeaderCacheSize(0);
        // Encoded slashes and dot segments reach Jersey, which routes them as it always has, instead of a 400.
        http.setUriCompliance(UriCompliance.LEGACY);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.addConnector(connector);
        // Past twice the limit even the 503 would cost too much: the acceptor waits for connections to close.
        server.addBean(new NetworkConnectionLimit(2 * limits.maxConnections(), connector));

        JettyHttpContainer jersey = ContainerFactory.createContainer(JettyHttpContainer.class, application);
        BufferedBody bodies = new BufferedBody(limits, timers, new ResponseDelay(latency, timers, workers, new EmptyPathSegments(jersey)));
        ConnectionWatch watch = new ConnectionWatch(limits, timers, bodies);
        connector.addEventListener(watch.connectionListener());
        server.setHandler(watch);
        server.setErrorHandler(new CsbsErrorPage());
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new StubServer(server, connector, watch, bodies);
    }

    /**
     * The stub's base URI, {@code http://host:port} without a trailing slash: what the generated client's
     * {@code setBasePath} takes as it is (a trailing slash would make it send {@code //v1/...}).
     */
    public URI baseUri() {
        return baseUri;
    }

    /** Connections open now. */
    public int openConnections() {
        return watch.openConnections();
    }

    /** Connections closed so far because a request's headers, or its body, took longer than its timeout. */
    public long timedOutRequests() {
        return watch.headerTimeouts() + bodies.timeouts();
    }

    /** Requests answered 503 so far because their connection was past the connection limit. */
    public long refusedRequests() {
        return watch.refused();
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort: the port and threads go with the server in any case.
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

    /*
     * Log levels the stub sets, also when a test starts it in-process; the loggers are held so that their
     * levels are not lost when they are collected. Noise here: Hibernate Validator's start-up banner,
     * Jetty's start and stop lines, the validator's and parser's chatter; a task still queued in Jetty's
     * pool when a stub is closed at once (nothing is lost); and Jersey's SEVERE stack trace for an answer
     * it could not finish writing because the client went away or the stub was closed under it (a test's
     * last answer is often still being completed when its stub is closed).
     */
    private static final Map<Logger, Level> LOG_LEVELS = Map.of(
            Logger.getLogger("org.hibernate.validator"), Level.WARNING,
            Logger.getLogger("org.eclipse.jetty"), Level.WARNING,
            Logger.getLogger("com.atlassian.oai"), Level.WARNING,
            Logger.getLogger("io.swagger"), Level.WARNING,
            Logger.getLogger("org.eclipse.jetty.util.thread.QueuedThreadPool"), Level.SEVERE,
            Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder"), Level.OFF);

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

        @Option(names = "--restore-duration", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "How long a restore keeps its backup waiting_restore/restoring before it is available again"
                        + " (default: as long as --backup-duration).")
        Duration restoreDuration;

        @Option(names = "--max-policies", paramLabel = "N", defaultValue = "" + PolicyStore.DEFAULT_MAX_PER_PROJECT,
                description = "Backup policies a project may have; creating one more is refused with 400 CSBS.0001"
                        + " (default: ${DEFAULT-VALUE}).")
        int maxPolicies;

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

        @Option(names = "--delay", paramLabel = "[OPERATION=]DELAY",
                description = "Answer every operation, or the one named (an operationId such as executeBackupPolicy),"
                        + " after DELAY: fixed (200ms) or drawn from a range for each request (100ms..800ms), at most"
                        + " 60s. Repeatable; an operation's own wins. Requests may ask with Prefer: delay=DELAY."
                        + " Delayed requests hold no thread.")
        List<String> delays = List.of();

        @Option(names = "--header-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
                description = "Close a connection whose request line and headers are not complete this long after"
                        + " their first byte (default: ${DEFAULT-VALUE}).")
        Duration headerTimeout;

        @Option(names = "--body-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
                description = "Close a connection whose declared body is not complete this long after its headers"
                        + " (default: ${DEFAULT-VALUE}).")
        Duration bodyTimeout;

        @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
                description = "Close a connection on which no byte arrives for this long: kept alive between"
                        + " requests, or stalled (default: ${DEFAULT-VALUE}).")
        Duration idleTimeout;

        @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ConnectionLimits.DEFAULT_MAX_CONNECTIONS,
                description = "Open connections served; a request on one past N is answered 503 CSBS.9998 and its"
                        + " connection closed, and past 2N none are accepted until some close. Keep 2N under the"
                        + " process's open-file limit (default: ${DEFAULT-VALUE}).")
        int maxConnections;

        @Option(names = "--journal-size", paramLabel = "N", defaultValue = "" + JournalOptions.DEFAULT_SIZE,
                description = "Requests the request journal keeps (GET /__admin/requests), the oldest dropped past it;"
                        + " 0 switches it off, for load tests (default: ${DEFAULT-VALUE}).")
        int journalSize;

        @Option(names = "--journal-body-limit", paramLabel = "BYTES", defaultValue = "" + JournalOptions.DEFAULT_BODY_LIMIT,
                description = "Bytes of a request body the journal keeps (default: ${DEFAULT-VALUE}).")
        int journalBodyLimit;

        @Option(names = "--admin-token", paramLabel = "TOKEN",
                description = "Every request to the admin API (/__admin/) must carry Authorization: Bearer TOKEN."
                        + " Required to listen on an address other than a loopback one. Other users of the machine"
                        + " can read a command line: --admin-token-file keeps it out of it.")
        String adminToken;

        @Option(names = "--admin-token-file", paramLabel = "PATH",
                description = "As --admin-token, with the token read from this file (white space around it dropped).")
        Path adminTokenFile;

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
                        .withRestoreDuration(restoreDuration)
                        .withMaxPolicies(maxPolicies)
                        .withRejectConcurrentExecutions(rejectConcurrentExecutions)
                        .withFaults(new FaultInjection(failureRate, failureStatus))
                        .withConnections(new ConnectionLimits(headerTimeout, bodyTimeout, idleTimeout, maxConnections))
                        .withLatency(Latency.parse(delays))
                        .withJournal(new JournalOptions(journalSize, journalBodyLimit));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "invalid option: " + e.getMessage());
            }
            try {
                options = options.withAdminToken(adminToken());
            } catch (IllegalArgumentException e) {
                System.err.println("csbs-server-stub: " + e.getMessage());
                return 2;
            }
            BackupDataSet dataSet;
            try {
                dataSet = data == null ? BackupDataSet.embeddedDefault() : BackupDataSet.read(data);
            } catch (BackupDataSet.InvalidDataSetException e) {
                System.err.println("csbs-server-stub: invalid --data file " + e.getMessage());
                return 2;
            }
            StubServer stub;
            try {
                stub = start(host, port, dataSet, options);
            } catch (IllegalArgumentException e) { // off loopback without an admin token
                System.err.println("csbs-server-stub: " + e.getMessage());
                return 2;
            } catch (IllegalStateException e) { // address in use, unknown host
                System.err.println("csbs-server-stub: " + e.getMessage());
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

        /** From --admin-token or --admin-token-file (at most one of them), {@code null} for none. */
        private AdminToken adminToken() {
            if (adminToken != null && adminTokenFile != null) {
                throw new IllegalArgumentException("give --admin-token or --admin-token-file, not both");
            }
            try {
                return adminTokenFile != null ? AdminToken.fromFile(adminTokenFile)
                        : adminToken != null ? AdminToken.of(adminToken) : null;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid " + (adminTokenFile != null ? "--admin-token-file " : "--admin-token: ")
                        + e.getMessage(), e);
            }
        }
    }

    /** Durations as people write them ({@code 0}, {@code 500ms}, {@code 3s}, {@code 2m}) or in ISO-8601 ({@code PT3S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
