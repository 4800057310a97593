package com.example.csbs.stub.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.example.csbs.stub.admin.StubSetup;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.journal.ContractViolationError;
import com.example.csbs.stub.journal.StubJournal;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@link CsbsStub} as a consumer's test classes use it, each run with JUnit's own test kit so that
 * failures (a contract violation, a bad configuration) are checked as outcomes. The classes it runs
 * are nested here, which the build's test run leaves out.
 */
class CsbsStubExtensionTest {

    private static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    private static final String TOKEN = "csbs-demo-token";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** What the classes under test saw: their stubs' base URIs by test name. */
    static final Map<String, URI> SEEN = new ConcurrentHashMap<>();

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    @Test
    void oneStubForTheClassInFieldsStaticFieldsAndParameters() {
        Events tests = run(PerClass.class).testEvents();

        tests.assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(Set.copyOf(SEEN.values())).as("one stub for the class").hasSize(1);
        assertThat(SEEN.get("static")).isEqualTo(SEEN.get("first"));
        assertClosed(SEEN.get("first"));
    }

    @Test
    void aStubForEachMethodWithItsOwnJournal() {
        run(PerMethod.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(SEEN.get("first")).isNotEqualTo(SEEN.get("second"));
        assertClosed(SEEN.get("first"));
        assertClosed(SEEN.get("second"));
    }

    @Test
    void aRequestThatViolatesTheContractFailsTheTestThatSentItAndNoOther() {
        Events tests = run(Violating.class).testEvents();

        tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test("sendsLimitZeroAndHidesThe400"),
                finishedWithFailure(instanceOf(ContractViolationError.class), message("""
                        1 request sent to the CSBS stub violates the CSBS contract (csbs/openapi.yaml):
                          #1 GET /v1/%s/checkpoint_items?limit=0 -> 400
                            ERROR validation.request.parameter.schema.minimum: [Query parameter 'limit'] Numeric \
                        instance is lower than the required minimum (minimum: 1, found: 0)""".formatted(PROJECT)))));
        tests.assertThatEvents().haveExactly(1, event(test("thenSendsOnlyValidRequests"), finishedSuccessfully()));
    }

    @Test
    void withoutVerificationAViolationDoesNotFailTheTest() {
        run(NotVerifying.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void runsOnTheDataSetTheAnnotationNamesWithItsDurations() {
        run(OwnDataSet.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void nestedClassesShareTheEnclosingStub() {
        run(Outer.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(SEEN.get("outer")).isEqualTo(SEEN.get("inner"));
    }

    @Test
    void aDataSetThatIsNotThereFailsTheClassNamingIt() {
        Events containers = run(MissingDataSet.class).containerEvents();

        containers.assertThatEvents().haveExactly(1, event(container(MissingDataSet.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(
                        "@CsbsStub on " + MissingDataSet.class.getName()
                                + ": data set no-such-data-set.json is neither a classpath resource nor a file"))));
    }

    @Test
    void aBadDurationOrFieldFailsNamingIt() {
        run(BadDuration.class).containerEvents().assertThatEvents().haveExactly(1, event(container(BadDuration.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(
                        "@CsbsStub on " + BadDuration.class.getName() + ": backupDuration must be ISO-8601 (PT0S, PT3S,"
                                + " PT2M), was 3s"))));
        run(BadField.class).testEvents().assertThatEvents().haveExactly(1, event(test("test"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(message ->
                        message.endsWith("must be a URI, StubJournal or StubSetup")))));
        run(StaticFieldPerMethod.class).containerEvents().assertThatEvents().haveExactly(1,
                event(container(StaticFieldPerMethod.class), finishedWithFailure(instanceOf(
                        ExtensionConfigurationException.class), message(message -> message.endsWith(
                        "a per-method stub is not there for the class; make the field an instance field")))));
    }

    @Test
    void anAdminTokenLocksTheAdminApiAndTheHandlesAreScopedPerProject() {
        run(WithAdminToken.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void classesRunningInParallelHaveStubsOfTheirOwn() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .selectors(selectClass(ParallelA.class), selectClass(ParallelB.class))
                .execute()
                .testEvents();

        tests.assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(SEEN.get("a")).isNotEqualTo(SEEN.get("b"));
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    // ---- the classes run by the test kit ------------------------------------------------------------------

    @CsbsStub
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClass {
        @InjectStub
        static URI staticBaseUri;
        @InjectStub
        URI baseUri;
        @InjectStub
        StubJournal journal;
        @InjectStub
        StubSetup setup;

        @Test
        @Order(1)
        void first() throws Exception {
            SEEN.put("static", staticBaseUri);
            SEEN.put("first", baseUri);
            // What the generated client's setBasePath takes as it is: no trailing slash, no "//v1/..." requests.
            assertThat(baseUri.toString()).matches("http://127\\.0\\.0\\.1:[0-9]+");
            assertThat(get(baseUri, "v1/" + PROJECT + "/policies", TOKEN)).isEqualTo(200);
            assertThat(journal.requests()).hasSize(1);
            assertThat(setup.dataSet().project(PROJECT)).isPresent();
        }

        @Test
        @Order(2)
        void second(URI uri, StubJournal journalParameter, StubSetup setupParameter) {
            SEEN.put("second", uri);
            assertThat(uri).isEqualTo(baseUri);
            assertThat(journalParameter).isSameAs(journal);
            assertThat(setupParameter).isSameAs(setup);
            assertThat(journal.requests()).as("the class's journal holds the first test's request").hasSize(1);
        }
    }

    @CsbsStub(perMethod = true)
    static class PerMethod {
        @InjectStub
        URI baseUri;

        @Test
        void first(StubJournal journal) throws Exception {
            SEEN.put("first", baseUri);
            get(baseUri, "v1/" + PROJECT + "/policies", TOKEN);
            assertThat(journal.requests()).hasSize(1);
        }

        @Test
        void second(StubJournal journal) throws Exception {
            SEEN.put("second", baseUri);
            get(baseUri, "v1/" + PROJECT + "/policies", TOKEN);
            assertThat(journal.requests()).hasSize(1);
        }
    }

    @CsbsStub
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Violating {
        @Test
        @Order(1)
        void sendsLimitZeroAndHidesThe400(URI baseUri) throws Exception {
            get(baseUri, "v1/" + PROJECT + "/checkpoint_items?limit=0", TOKEN); // the answer is ignored
        }

        @Test
        @Order(2)
        void thenSendsOnlyValidRequests(URI baseUri) throws Exception {
            assertThat(get(baseUri, "v1/" + PROJECT + "/checkpoint_items?limit=1", TOKEN)).isEqualTo(200);
        }
    }

    @CsbsStub(verifyContract = false)
    static class NotVerifying {
        @Test
        void sendsLimitZero(URI baseUri, StubJournal journal) throws Exception {
            get(baseUri, "v1/" + PROJECT + "/checkpoint_items?limit=0", TOKEN);
            assertThat(journal.violations()).hasSize(1);
        }
    }

    @CsbsStub(dataSet = "extension-data-set.json", backupDuration = "PT0S", deleteDuration = "PT0S")
    static class OwnDataSet {
        @Test
        void answersFromIt(URI baseUri, StubSetup setup) throws Exception {
            assertThat(setup.dataSet().projects()).extracting(BackupDataSet.Project::token).containsExactly("fixture-token");
            assertThat(get(baseUri, "v1/f1e2d3c4b5a697881726354453627180/policies", "fixture-token")).isEqualTo(200);
            assertThat(get(baseUri, "v1/" + PROJECT + "/policies", TOKEN)).isEqualTo(401);
        }
    }

    @CsbsStub
    static class Outer {
        @Test
        void outer(URI baseUri) {
            SEEN.put("outer", baseUri);
        }

        @Nested
        class Inner {
            @Test
            void inner(URI baseUri) {
                SEEN.put("inner", baseUri);
            }
        }
    }

    @CsbsStub(dataSet = "no-such-data-set.json")
    static class MissingDataSet {
        @Test
        void test() {
        }
    }

    @CsbsStub(backupDuration = "3s")
    static class BadDuration {
        @Test
        void test() {
        }
    }

    @CsbsStub
    static class BadField {
        @InjectStub
        String baseUri;

        @Test
        void test() {
        }
    }

    @CsbsStub(perMethod = true)
    static class StaticFieldPerMethod {
        @InjectStub
        static URI baseUri;

        @Test
        void test() {
        }
    }

    @CsbsStub(adminToken = "extension-admin-token")
    static class WithAdminToken {
        @Test
        void test(URI baseUri, StubSetup setup, StubJournal journal) throws Exception {
            assertThat(admin(baseUri, null)).isEqualTo(401);
            assertThat(admin(baseUri, "Bearer extension-admin-token")).isEqualTo(200);
            get(baseUri, "v1/" + PROJECT + "/policies", TOKEN);
            get(baseUri, "v1/5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60/policies", "csbs-other-project-token");
            assertThat(journal.requests(PROJECT)).hasSize(1);
            setup.putToken(PROJECT, "rotated-token", false).reset(PROJECT);
            assertThat(get(baseUri, "v1/" + PROJECT + "/policies", TOKEN)).as("the start-up token again").isEqualTo(200);
        }

        private static int admin(URI baseUri, String authorization) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve("/__admin/setup")).timeout(Duration.ofSeconds(30));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** Both classes wait until the other has started, so they really run at the same time. */
    private static final CountDownLatch BOTH_STARTED = new CountDownLatch(2);

    @CsbsStub
    static class ParallelA {
        @Test
        void a(URI baseUri, StubSetup setup) throws Exception {
            parallel("a", baseUri, setup, "token-of-a");
        }
    }

    @CsbsStub
    static class ParallelB {
        @Test
        void b(URI baseUri, StubSetup setup) throws Exception {
            parallel("b", baseUri, setup, "token-of-b");
        }
    }

    private static void parallel(String name, URI baseUri, StubSetup setup, String token) throws Exception {
        SEEN.put(name, baseUri);
        BOTH_STARTED.countDown();
        assertThat(BOTH_STARTED.await(30, TimeUnit.SECONDS)).as("the other class started").isTrue();
        setup.putToken(PROJECT, token, false);
        assertThat(get(baseUri, "v1/" + PROJECT + "/policies", token)).isEqualTo(200);
        assertThat(get(baseUri, "v1/" + PROJECT + "/policies", TOKEN)).isEqualTo(401);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    static int get(URI baseUri, String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path)).header("X-Auth-Token", token)
                .timeout(Duration.ofSeconds(30)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void assertClosed(URI baseUri) {
        assertThatThrownBy(() -> get(baseUri, "openapi.yaml", TOKEN))
                .as("the stub at %s is closed", baseUri)
                .isInstanceOf(ConnectException.class);
    }
}
