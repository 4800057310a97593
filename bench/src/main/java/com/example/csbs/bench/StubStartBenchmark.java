package com.example.csbs.bench;

import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a test pays for a stub of its own in a JVM that has started one before (the JUnit
 * extension's per-class or per-method stub): start on a free port, answer a first request. Each
 * iteration is one start; the first warm-up iteration is the JVM's first stub.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar StubStartBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 40)
@Fork(1)
public class StubStartBenchmark {

    private final BackupDataSet dataSet = BackupDataSet.embeddedDefault();
    private StubServer stub;

    @Benchmark
    public int startAndAnswerTheFirstRequest() throws IOException {
        stub = StubServer.start("127.0.0.1", 0, dataSet);
        HttpURLConnection policies = (HttpURLConnection) URI.create(stub.baseUri()
                + "/v1/b942cc8342734d15bcb246babb1953cf/policies").toURL().openConnection();
        policies.setRequestProperty("X-Auth-Token", "csbs-demo-token");
        int status = policies.getResponseCode();
        try (InputStream body = policies.getInputStream()) {
            body.readAllBytes();
        }
        if (status != 200) {
            throw new IllegalStateException("the first request was answered " + status);
        }
        return status;
    }

    @TearDown(Level.Iteration)
    public void stop() {
        stub.close();
    }
}
