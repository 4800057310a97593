package com.example.csbs.stub.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The journal without HTTP: its bounds, its marks, and the contract's verdict on what it holds. */
class StubJournalTest {

    private static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    private static final String CHECKPOINTS = "/v1/" + PROJECT + "/providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/checkpoints";
    private static final Map<String, List<String>> JSON_HEADERS = Map.of(
            "content-type", List.of("application/json"), "x-auth-token", List.of(JournalFilter.MASK));
    private static final String GOOD_BODY = "{\"checkpoint\": {\"plan_id\": \"62171999-3df1-42f7-9513-6f9b1bea4744\","
            + " \"parameters\": {\"auto_trigger\": false}}}";
    private static final Instant AT = Instant.parse("2026-03-02T09:15:04Z");

    @Test
    void keepsTheLastRequestsUpToItsSizeAndCountsTheDroppedOnes() {
        StubJournal journal = new StubJournal(new JournalOptions(3, 1024));
        for (int i = 1; i <= 5; i++) {
            get(journal, "/v1/" + PROJECT + "/checkpoint_items", "limit=" + i);
        }

        assertThat(journal.requests()).extracting(RecordedRequest::id).containsExactly(3L, 4L, 5L);
        assertThat(journal.requests()).extracting(RecordedRequest::query).containsExactly("limit=3", "limit=4", "limit=5");
        assertThat(journal.recorded()).isEqualTo(5);
        assertThat(journal.dropped()).isEqualTo(2);
        assertThat(journal.lastId()).isEqualTo(5);
        assertThat(journal.requestsSince(4)).extracting(RecordedRequest::id).containsExactly(5L);
        assertThat(journal.requestsSince(5)).isEmpty();
        assertThat(journal.requestsSince(1)).extracting(RecordedRequest::id).containsExactly(3L, 4L, 5L);
    }

    @Test
    void clearingDropsWhatItHoldsAndTheIdsGoOn() {
        StubJournal journal = new StubJournal(new JournalOptions(3, 1024));
        get(journal, "/v1/" + PROJECT + "/policies", null);
        get(journal, "/v1/" + PROJECT + "/policies", null);

        journal.clear();

        assertThat(journal.requests()).isEmpty();
        assertThat(journal.recorded()).isZero();
        assertThat(journal.dropped()).isZero();
        get(journal, "/v1/" + PROJECT + "/policies", null);
        assertThat(journal.requests()).extracting(RecordedRequest::id).containsExactly(3L);
        assertThat(journal.recorded()).isEqualTo(1);
    }

    @Test
    void clearingOneProjectDropsItsRequestsOnly() {
        StubJournal journal = new StubJournal(new JournalOptions(10, 1024));
        get(journal, "/v1/" + PROJECT + "/policies", null);
        get(journal, "/v1/other/policies", null);
        get(journal, "/v1/" + PROJECT + "/checkpoint_items", null);
        get(journal, "/nope", null);

        assertThat(journal.requests(PROJECT)).extracting(RecordedRequest::id).containsExactly(1L, 3L);
        journal.clear(PROJECT);

        assertThat(journal.requests()).extracting(RecordedRequest::id).containsExactly(2L, 4L);
        assertThat(journal.requests(PROJECT)).isEmpty();
        assertThat(journal.recorded()).as("the whole journal's").isEqualTo(4);
        get(journal, "/v1/" + PROJECT + "/policies", null);
        assertThat(journal.requests(PROJECT)).extracting(RecordedRequest::id).containsExactly(5L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
            "/v1/p1/policies, p1",
            "/v1/p1, p1",
            "//v1/p1/checkpoint_items, p1",
            "/v1/team%20a/policies, team a",
            "/v1/a+b/policies, a+b",
            "/v1//policies, none",
            "/v2/p1/policies, none",
            "/nope, none",
            "/v1, none"})
    void theProjectOfARequestIsTheFirstSegmentUnderV1(String path, String project) {
        StubJournal journal = new StubJournal(new JournalOptions(1, 1024));
        get(journal, path, null);

        assertThat(journal.requests().get(0).projectId()).isEqualTo(Optional.ofNullable(project));
    }

    @Test
    void sizeZeroIsOffAndNegativeValuesAreRefused() {
        assertThat(JournalOptions.off().enabled()).isFalse();
        assertThat(new StubJournal(JournalOptions.off()).requests()).isEmpty();
        assertThat(JournalOptions.defaults()).isEqualTo(new JournalOptions(1_000, 65_536));
        assertThatThrownBy(() -> new JournalOptions(-1, 10)).hasMessageContaining("journal size");
        assertThatThrownBy(() -> new JournalOptions(10, -1)).hasMessageContaining("body limit");
    }

    @Test
    void aValidRequestIsValid() {
        StubJournal journal = new StubJournal(JournalOptions.defaults());
        post(journal, GOOD_BODY, false, 200);

        ContractVerdict verdict = journal.requests().get(0).contract();

        assertThat(verdict.result()).isEqualTo(ContractVerdict.Result.VALID);
        assertThat(verdict.messages()).isEmpty();
        assertThat(journal.violations()).isEmpty();
        journal.verifyContract(); // does not throw
    }

    @Test
    void aFieldOfTheWrongTypeIsAViolationWithTheValidatorsMessage() {
        StubJournal journal = new StubJournal(JournalOptions.defaults());
        post(journal, "{\"checkpoint\": {\"plan_id\": 42, \"parameters\": {}}}", false, 400);

        ContractVerdict verdict = journal.requests().get(0).contract();

        assertThat(verdict.result()).isEqualTo(ContractVerdict.Result.INVALID);
        assertThat(verdict.messages()).containsExactly(new ContractVerdict.Message("ERROR",
                "validation.request.body.schema.type", "[Path '/checkpoint/plan_id'] Instance type (integer) does not"
                + " match any allowed primitive type (allowed: [\"string\"])"));
        assertThat(journal.violations()).hasSize(1);
    }

    @Test
    void aQueryParameterOutOfRangeIsAViolationNamingTheParameter() {
        StubJournal journal = new StubJournal(JournalOptions.defaults());
        get(journal, "/v1/" + PROJECT + "/checkpoint_items", "limit=0");

        assertThat(journal.requests().get(0).contract().messages()).containsExactly(new ContractVerdict.Message("ERROR",
                "validation.request.parameter.schema.minimum",
                "[Query parameter 'limit'] Numeric instance is lower than the required minimum (minimum: 1, found: 0)"));
    }

    @Test
    void aPathTheContractDoesNotHaveIsAViolation() {
        StubJournal journal = new StubJournal(JournalOptions.defaults());
        get(journal, "/v1/" + PROJECT + "/polices", null);
        record(journal, "BREW", "/v1/" + PROJECT + "/policies", null, Map.of(), null, false, 405);

        assertThat(journal.requests()).extracting(request -> request.contract().result())
                .containsExactly(ContractVerdict.Result.INVALID, ContractVerdict.Result.INVALID);
        assertThat(journal.requests().get(0).contract().messages()).extracting(ContractVerdict.Message::key)
                .containsExactly("validation.request.path.missing");
        assertThat(journal.requests().get(1).contract().messages()).extracting(ContractVerdict.Message::message)
                .containsExactly("BREW is not a method of the contract");
    }

    @Test
    void aPathWithADoubleSlashIsAViolationThatSaysWhereItComesFrom() {
        StubJournal journal = new StubJournal(JournalOptions.defaults());
        get(journal, "//v1/" + PROJECT + "/policies", null, 404);
        get(journal, "/v1/" + PROJECT + "//policies", null, 404);

        assertThat(journal.requests()).extracting(request -> request.contract().result())
                .containsExactly(ContractVerdict.Result.INVALID, ContractVerdict.Result.INVALID);
        assertThat(journal.requests().get(0).contract().messages()).singleElement().satisfies(message -> {
            assertThat(message.level()).isEqualTo("ERROR");
            assertThat(message.key()).isEqualTo("validation.request.path.missing");
            assertThat(message.message()).isEqualTo("GET //v1/" + PROJECT + "/policies matches no operation of the"
                    + " contract (a double slash: does the client's base path end in '/'?)");
        });
        assertThat(journal.requests().get(1).contract().messages()).extracting(ContractVerdict.Message::key)
                .containsExactly("validation.request.path.missing");
    }

    @Test
    void theQueryIsKeptAsSentAndReadDecodedByName() {
        StubJournal journal = new StubJournal(JournalOptions.defaults());
        get(journal, "/v1/" + PROJECT + "/checkpoint_items", "status=error&name=db%20server&sort=name%3Aasc"
                + "&checkpoint_items=a%2Cb&flag&name=web+server");
        get(journal, "/v1/" + PROJECT + "/policies", null);

        RecordedRequest listed = journal.requests().get(0);
        assertThat(listed.query()).isEqualTo("status=error&name=db%20server&sort=name%3Aasc&checkpoint_items=a%2Cb"
                + "&flag&name=web+server");
        assertThat(listed.queryParameters()).containsExactly(
                Map.entry("status", List.of("error")),
                Map.entry("name", List.of("db server", "web server")),
                Map.entry("sort", List.of("name:asc")),
                Map.entry("checkpoint_items", List.of("a,b")),
                Map.entry("flag", List.of("")));
        assertThat(listed.queryParameter("sort")).contains("name:asc");
        assertThat(listed.queryParameter("name")).contains("db server");
        assertThat(listed.queryParameter("limit")).isEmpty();
        assertThatThrownBy(() -> listed.queryParameters().put("limit", List.of("1")))
                .isInstanceOf(UnsupportedOperationException.class);

        RecordedRequest withoutQuery = journal.requests().get(1);
        assertThat(withoutQuery.query()).isNull();
        assertThat(withoutQuery.queryParameters()).isEmpty();
        assertThat(withoutQuery.queryParameter("limit")).isEmpty();
    }

    @Test
    void anUndocumentedFieldIsAWarningOnAValidRequest() {
        StubJournal journal = new StubJournal(JournalOptions.defaults());
        post(journal, "{\"checkpoint\": {\"plan_id\": \"62171999-3df1-42f7-9513-6f9b1bea4744\","
                + " \"parameters\": {\"auto_triger\": false}}}", false, 200);

        ContractVerdict verdict = journal.requests().get(0).contract();

        assertThat(verdict.result()).as(verdict.toString()).isEqualTo(ContractVerdict.Result.VALID);
        assertThat(verdict.messages()).singleElement().satisfies(message -> {
            assertThat(message.level()).isEqualTo("WARN");
            assertThat(message.key()).isEqualTo("validation.request.body.schema.additionalProperties");
            assertThat(message.message()).contains("auto_triger");
        });
    }

    @Test
    void aTruncatedBodyIsNotChecked() {
        StubJournal journal = new StubJournal(new JournalOptions(10, 8));
        post(journal, GOOD_BODY.substring(0, 8), true, 200);

        ContractVerdict verdict = journal.requests().get(0).contract();

        assertThat(verdict.result()).isEqualTo(ContractVerdict.Result.NOT_CHECKED);
        assertThat(verdict.messages()).extracting(ContractVerdict.Message::key).containsExactly("journal.body.truncated");
        assertThat(journal.violations()).isEmpty();
    }

    @Test
    void verifyingNamesEachViolatingRequestItsBodyAndTheValidatorsMessages() {
        StubJournal journal = new StubJournal(JournalOptions.defaults());
        post(journal, GOOD_BODY, false, 200);
        long mark = journal.lastId();
        post(journal, "{\"checkpoint\": {\"plan_id\": 42, \"parameters\": {}}}", false, 400);
        get(journal, "/v1/" + PROJECT + "/checkpoint_items", "limit=0", 400);

        assertThatThrownBy(journal::verifyContract)
                .isInstanceOf(ContractViolationError.class)
                .hasMessage("""
                        2 requests sent to the CSBS stub violate the CSBS contract (csbs/openapi.yaml):
                          #2 POST %s -> 400
                            body: {"checkpoint": {"plan_id": 42, "parameters": {}}}
                            ERROR validation.request.body.schema.type: [Path '/checkpoint/plan_id'] Instance type \
                        (integer) does not match any allowed primitive type (allowed: ["string"])
                          #3 GET /v1/%s/checkpoint_items?limit=0 -> 400
                            ERROR validation.request.parameter.schema.minimum: [Query parameter 'limit'] Numeric \
                        instance is lower than the required minimum (minimum: 1, found: 0)""".formatted(CHECKPOINTS, PROJECT))
                .satisfies(error -> assertThat(((ContractViolationError) error).violations())
                        .extracting(RecordedRequest::id).containsExactly(2L, 3L));
        assertThatThrownBy(() -> journal.verifyContractSince(mark)).isInstanceOf(ContractViolationError.class);
        journal.verifyContractSince(journal.lastId()); // nothing after the last one
    }

    @Test
    void theVerdictIsWorkedOutOnceAndKept() {
        StubJournal journal = new StubJournal(JournalOptions.defaults());
        post(journal, GOOD_BODY, false, 200);
        RecordedRequest request = journal.requests().get(0);

        assertThat(request.contract()).isSameAs(request.contract());
        assertThat(request.body()).isEqualTo(GOOD_BODY);
        assertThat(request.toString()).isEqualTo("#1 POST " + CHECKPOINTS + " -> 200");
    }

    private static void get(StubJournal journal, String path, String query) {
        get(journal, path, query, 200);
    }

    private static void get(StubJournal journal, String path, String query, int status) {
        record(journal, "GET", path, query, Map.of("x-auth-token", List.of(JournalFilter.MASK)), null, false, status);
    }

    private static void post(StubJournal journal, String body, boolean truncated, int status) {
        record(journal, "POST", CHECKPOINTS, null, JSON_HEADERS, body.getBytes(StandardCharsets.UTF_8), truncated, status);
    }

    private static void record(StubJournal journal, String method, String path, String query,
                               Map<String, List<String>> headers, byte[] body, boolean truncated, int status) {
        journal.record(AT, method, path, query, headers, body, truncated, status);
    }
}
