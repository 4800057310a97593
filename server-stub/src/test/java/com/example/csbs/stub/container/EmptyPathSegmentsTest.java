package com.example.csbs.stub.container;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which paths the stub turns away before routing for an empty segment (a path parameter left empty). */
class EmptyPathSegmentsTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "/v1/p/csbs_backup//tags, true",
            "/v1/p/csbs_backup/0b7e8f2a-5c3d-4e1f-9a6b-8c7d6e5f4a3b/tags/, true",
            "/v1/p/checkpoint_items/, true",
            "/v1//checkpoint_items, true",
            "/v1/p/csbs_backup/tags, false",
            "/v1/p/checkpoint_items/count, false",
            // A base URL ending in "/": answered, and reported by the journal.
            "//v1/p/checkpoint_items, false",
            // Not the API: the stub's own pages and admin paths are routed as they are.
            "/docs/, false",
            "/__admin/journal, false"})
    void refusesAnApiPathWithAnEmptySegment(String path, boolean refused) {
        assertThat(EmptyPathSegments.hasEmptySegment(path)).isEqualTo(refused);
    }
}
