package com.example.csbs.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a consumer's first test costs in a fresh JVM, with the stub's JUnit 5 extension against
 * WireMock's: each benchmark runs one tiny JUnit 5 test class through the JUnit Platform Launcher,
 * as a build's test runner does, and ends when JUnit reports it passed.
 *
 * <ul>
 *   <li>{@link #csbsStub}: {@link FirstCsbsStubTest}, a {@code @CsbsStub} class (its defaults: a stub
 *       for the class, the contract checked after each test) whose test sends the documented POST,
 *       gets 200, and asks the journal for its contract verdict ({@code journal.verifyContract()}).</li>
 *   <li>{@link #wireMock}: {@link FirstWireMockTest}, WireMock's {@code WireMockExtension} on a dynamic
 *       port; its test registers the mapping {@code bench/wiremock/mappings/execute-backup-policy.json}
 *       (the one {@code run.sh} serves), sends the same POST and gets 200.</li>
 * </ul>
 *
 * <p>Single shot, no warm-up, one measurement per fork: every fork is a fresh JVM, so every sample is
 * a first test (JUnit, the server, the HTTP client, all loaded and initialised for the first time).
 * The time runs from the launcher's creation to the end of the run (the server is stopped by then),
 * not the JVM's own start, which is the same for both.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar ConsumerStartBenchmark} (about 2 minutes);
 * {@code bench/run.sh consumer} prints the medians and their ratio.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(13)
public class ConsumerStartBenchmark {

    @Benchmark
    public TestExecutionSummary csbsStub() {
        return runAlone(FirstCsbsStubTest.class);
    }

    @Benchmark
    public TestExecutionSummary wireMock() {
        return runAlone(FirstWireMockTest.class);
    }

    /** Runs the one test of the class through the launcher; fails unless it passed. */
    static TestExecutionSummary runAlone(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTestsSucceededCount() != 1 || summary.getTotalFailureCount() != 0) {
            IllegalStateException failed = new IllegalStateException(testClass.getSimpleName() + ": "
                    + summary.getTestsSucceededCount() + " test(s) passed, " + summary.getTotalFailureCount() + " failed");
            summary.getFailures().forEach(failure -> failed.addSuppressed(failure.getException()));
            throw failed;
        }
        return summary;
    }
}
