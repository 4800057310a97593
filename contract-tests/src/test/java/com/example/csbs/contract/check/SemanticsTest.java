package com.example.csbs.contract.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.contract.check.Listings.Bracketed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the checker reads into one answer, and into a page against its whole listing, on answers written here. */
class SemanticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    private static final String A = "0a000000-0000-4000-8000-000000000000";
    private static final String B = "0b000000-0000-4000-8000-000000000000";
    private static final String C = "0c000000-0000-4000-8000-000000000000";

    @Test
    void aListingHoldsOnlyWhatItsFiltersAskForAtMostLimitEachOnce() {
        JsonNode page = json("{\"checkpoint_items\": [" + backup(A, "available", "manualbk_1a2b", "2026-01-01T10:00:00") + ", "
                + backup(B, "error", "autobk_3c4d", "2026-01-01T09:00:00") + ", " + backup(A, "available", "manualbk_1a2b",
                "2026-01-01T10:00:00") + "]}");

        List<String> problems = Semantics.of("listBackups", listing(Map.of("status", "available", "name", "MANUAL", "limit", "2",
                "start_time", "2026-01-01T09:30:00")), page, PROJECT, Map.of());

        assertThat(problems).containsExactly(
                "3 checkpoint_items, more than limit=2",
                "checkpoint_items[1] (id " + B + ") has status \"error\", which is not status=available",
                "checkpoint_items[1] (id " + B + ") has name \"autobk_3c4d\", which does not contain (ignoring case) name=MANUAL",
                "checkpoint_items[1] (id " + B + ") has created_at \"2026-01-01T09:00:00\", which is before start_time=2026-01-01T09:30:00",
                "checkpoint_items[2] repeats the id " + A + " of checkpoint_items[0]");
    }

    @Test
    void aTimeSortKeyOrdersThePageAndOtherKeysAreLeftAlone() {
        JsonNode page = json("{\"checkpoint_items\": [" + backup(A, "available", "b", "2026-01-01T10:00:00") + ", "
                + backup(B, "available", "a", "2026-01-01T09:00:00.5") + "]}");

        assertThat(Semantics.of("listBackups", listing(Map.of("sort", "created_at:asc,name")), page, PROJECT, Map.of()))
                .containsExactly("checkpoint_items[0] (created_at 2026-01-01T10:00:00) comes before checkpoint_items[1]"
                        + " (created_at 2026-01-01T09:00:00.5), but sort=created_at:asc,name");
        assertThat(Semantics.of("listBackups", listing(Map.of("sort", "created_at")), page, PROJECT, Map.of())).isEmpty();
        assertThat(Semantics.of("listBackups", listing(Map.of("sort", "name:asc")), page, PROJECT, Map.of())).isEmpty();
        assertThat(Semantics.of("listBackups", listing(Map.of()), page, PROJECT, Map.of())).isEmpty();
    }

    @Test
    void aPolicyIsOfThePathsProjectUnlessAllTenantsAreAskedFor() {
        JsonNode policies = json("{\"policies\": [{\"id\": \"" + A + "\", \"name\": \"daily\", \"project_id\": \"tenant\"}]}");
        Call list = new Call("GET", "/v1/" + PROJECT + "/policies", Map.of(), Map.of(), null);

        assertThat(Semantics.of("listBackupPolicies", list, policies, PROJECT, Map.of()))
                .containsExactly("policies[0].project_id is tenant, expected the project of the path, " + PROJECT);
        assertThat(Semantics.of("listBackupPolicies", list.withQuery(Map.of("all_tenants", "true")), policies, PROJECT, Map.of())).isEmpty();
    }

    @Test
    void aPageIsTheSliceOfTheWholeListingAfterTheMarker() {
        Bracketed listing = bracketed(Map.of("marker", A, "limit", "1"), List.of(A, B, C), List.of(A, B, C));

        assertThat(Listings.pageProblems(listing, page(B), "checkpoint_items")).isEmpty();
        assertThat(Listings.pageProblems(listing, page(A), "checkpoint_items")).containsExactly("the page has [" + A + "], expected ["
                + B + "]: the whole listing for the same filters and sort (3 items) after the marker " + A + ", at most 1");
    }

    @Test
    void offsetsAndLimitsAsLargeAsALongLeaveAnEmptyPage() {
        Bracketed listing = bracketed(Map.of("marker", A, "offset", Long.toString(Long.MAX_VALUE), "limit", Long.toString(Long.MAX_VALUE)),
                List.of(A, B, C), List.of(A, B, C));

        assertThat(Listings.pageProblems(listing, page(), "checkpoint_items")).isEmpty();
        assertThat(Listings.pageProblems(listing, page(B), "checkpoint_items")).hasSize(1);
    }

    @Test
    void aListingThatChangedMeanwhileIsNotJudged() {
        Bracketed listing = bracketed(Map.of("limit", "1"), List.of(A, B), List.of(C, A, B));

        assertThat(Listings.pageProblems(listing, page(C), "checkpoint_items")).isEmpty();
        assertThat(Listings.countProblems(listing, json("{\"count\": 7}"))).isEmpty();
    }

    @Test
    void aCountIsTheLengthOfItsListing() {
        Bracketed listing = bracketed(Map.of(), List.of(A, B), List.of(A, B));

        assertThat(Listings.countProblems(listing, json("{\"count\": 2}"))).isEmpty();
        assertThat(Listings.countProblems(listing, json("{\"count\": 3}")))
                .containsExactly("count is 3, but listBackups with the same filters lists 2");
    }

    private static Call listing(Map<String, String> query) {
        return new Call("GET", "/v1/" + PROJECT + "/checkpoint_items", query, Map.of(), null);
    }

    private static Bracketed bracketed(Map<String, String> query, List<String> before, List<String> after) {
        return new Bracketed(before, new Exchange(listing(query), 200, Map.of(), "{}"), after);
    }

    private static JsonNode page(String... ids) {
        StringBuilder items = new StringBuilder();
        for (String id : ids) {
            items.append(items.length() == 0 ? "" : ", ").append("{\"id\": \"").append(id).append("\"}");
        }
        return json("{\"checkpoint_items\": [" + items + "]}");
    }

    private static String backup(String id, String status, String name, String createdAt) {
        return "{\"id\": \"" + id + "\", \"status\": \"" + status + "\", \"name\": \"" + name + "\", \"created_at\": \"" + createdAt + "\"}";
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
