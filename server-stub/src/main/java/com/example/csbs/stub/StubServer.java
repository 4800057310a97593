package com.example.csbs.stub;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
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
        // Small responses go out at once instead of waiting on Nagle's algorithm (read once, when the
        // JDK server is first used; an explicit -D setting wins).
        System.setProperty(NODELAY, System.getProperty(NODELAY, "true"));
        URI requested = URI.create("http://" + hostForUri(host) + ":" + port + "/");
        HttpServer server = JdkHttpServerFactory.createHttpServer(requested, application, false);
        // Without an executor the JDK server answers on its single dispatcher thread.
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(4, 4 * Runtime.getRuntime().availableProcessors()));
        server.setExecutor(workers);
        server.start();
        return new StubServer(server, workers);
    }

    /** Starts the stub with the embedded default data set or the given one. */
    public static StubServer start(String host, int port, BackupDataSet dataSet) {
        return start(host, port, new StubApplication(dataSet,
                new CheckpointOperation(dataSet, new CheckpointStore(), Clock.systemUTC())));
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

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    // Held so that its level is not lost when the logger is collected; its start-up banner is noise here.
    private static final Logger VALIDATOR_LOG = Logger.getLogger("org.hibernate.validator");

    public static void main(String[] args) {
        VALIDATOR_LOG.setLevel(Level.WARNING);
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    @Command(name = "csbs-server-stub",
            description = "Local stand-in for the CSBS operation \"Executing a Backup Policy\".")
    static final class Cli implements Callable<Integer> {

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "8080", description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--data", paramLabel = "FILE", description = "Data set JSON file (default: the embedded one, see README).")
        Path data;

        @Option(names = "--max-checkpoints", paramLabel = "N", defaultValue = "" + CheckpointStore.DEFAULT_CAPACITY,
                description = "Checkpoints kept in memory; past it the oldest go (default: ${DEFAULT-VALUE}).")
        int maxCheckpoints;

        @Option(names = "--failure-rate", paramLabel = "R", defaultValue = "0",
                description = "Share of requests, 0 to 1, answered with --failure-status unasked (default: ${DEFAULT-VALUE}).")
        double failureRate;

        @Option(names = "--failure-status", paramLabel = "S", defaultValue = "503",
                description = "500 (CSBS.9999) or 503 (CSBS.9998) (default: ${DEFAULT-VALUE}).")
        int failureStatus;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            BackupDataSet dataSet;
            try {
                dataSet = data == null ? BackupDataSet.embeddedDefault() : BackupDataSet.read(data);
            } catch (BackupDataSet.InvalidDataSetException e) {
                System.err.println("csbs-server-stub: invalid --data file " + e.getMessage());
                return 2;
            }
            if (maxCheckpoints < 1) {
                throw new ParameterException(spec.commandLine(), "--max-checkpoints must be at least 1");
            }
            FaultInjection faults;
            try {
                faults = new FaultInjection(failureRate, failureStatus, RandomGenerator.getDefault());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "invalid fault option: " + e.getMessage());
            }
            StubApplication application = new StubApplication(dataSet,
                    new CheckpointOperation(dataSet, new CheckpointStore(maxCheckpoints), Clock.systemUTC()), faults);
            StubServer stub;
            try {
                stub = start(host, port, application);
            } catch (RuntimeException e) { // Jersey wraps the bind failure (address in use, unknown host)
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                System.err.println("csbs-server-stub: cannot listen on " + host + ":" + port + ": " + cause.getMessage());
                return 1;
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
}
