package com.example.csbs.stub.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.example.csbs.stub.journal.StubJournal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * How long {@link CsbsStub} takes to start a stub, the first one in a JVM and the ones after it, and
 * what the contract's first verdict costs: a measurement, not a test of the build (its name keeps it
 * out of {@code mvn verify}). Run it alone, in a JVM of its own:
 *
 * <pre>mvn -o -q test -pl server-stub -am -Dexec.skip -Dtest=ExtensionStartTime -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * It runs a class of {@value #STUBS} tests with a stub per test through JUnit, and times each from
 * just before the extension's {@code beforeEach} (an extension registered ahead of it) to the test
 * method, which has its stub by then. Verification is off there, so that building the contract's
 * validator (once per JVM, on a background thread when it is on) does not take CPU from the starts;
 * that one-off cost is timed on its own, as the first verdict of the JVM.
 */
class ExtensionStartTime {

    static final int STUBS = 31;
    static final List<Long> NANOS = Collections.synchronizedList(new ArrayList<>());
    static final List<Long> VERDICT_NANOS = Collections.synchronizedList(new ArrayList<>());

    @Test
    void measure() {
        NANOS.clear();
        VERDICT_NANOS.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(StubPerTest.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(STUBS));
        List<Long> later = new ArrayList<>(NANOS.subList(1, NANOS.size()));
        Collections.sort(later);
        System.out.printf("@CsbsStub start: first stub in the JVM %.0f ms; the %d after it: median %.0f ms"
                        + " (fastest %.0f ms, slowest %.0f ms)%n", NANOS.get(0) / 1e6, later.size(),
                later.get(later.size() / 2) / 1e6, later.get(0) / 1e6, later.get(later.size() - 1) / 1e6);
        List<Long> verdicts = new ArrayList<>(VERDICT_NANOS.subList(1, VERDICT_NANOS.size()));
        Collections.sort(verdicts);
        System.out.printf("contract verdict: first in the JVM (builds the validator) %.0f ms; later ones median %.2f ms%n",
                VERDICT_NANOS.get(0) / 1e6, verdicts.get(verdicts.size() / 2) / 1e6);
    }

    /** Notes the time before the stub's extension runs. */
    static final class Clock implements BeforeEachCallback {
        static volatile long started;

        @Override
        public void beforeEach(ExtensionContext context) {
            started = System.nanoTime();
        }
    }

    @ExtendWith(Clock.class)
    @CsbsStub(perMethod = true, verifyContract = false)
    static class StubPerTest {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        @RepeatedTest(STUBS)
        void started(URI baseUri, StubJournal journal) throws Exception {
            NANOS.add(System.nanoTime() - Clock.started);
            HTTP.send(HttpRequest.newBuilder(baseUri.resolve("v1/b942cc8342734d15bcb246babb1953cf/policies"))
                    .header("X-Auth-Token", "csbs-demo-token").build(), HttpResponse.BodyHandlers.discarding());
            long before = System.nanoTime();
            journal.requests().get(0).contract();
            VERDICT_NANOS.add(System.nanoTime() - before);
        }
    }
}
