package com.example.csbs.stub.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.csbs.stub.http.CsbsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Paging by marker and offset, and the sort syntax, without HTTP. */
class PageAndSortTest {

    record Item(UUID id, String name, String createdAt) {
    }

    private static final Map<String, Function<Item, String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("name", Item::name);
        KEYS.put("created_at", Item::createdAt);
    }

    private final List<Item> items = IntStream.range(0, 10)
            .mapToObj(i -> new Item(new UUID(0, i), "item" + (i % 3), "2026-01-0" + (i % 5) + "T00:00:00.000000"))
            .toList();

    @Test
    void pagesByMarkerVisitEveryItemOnce() {
        List<Item> sorted = sorted("name:asc,created_at");
        List<Item> visited = new ArrayList<>();
        UUID marker = null;
        for (List<Item> page; !(page = Page.of(marker, null, 3).apply(sorted, Item::id)).isEmpty(); ) {
            visited.addAll(page);
            marker = page.get(page.size() - 1).id();
        }
        assertThat(visited).containsExactlyElementsOf(sorted);
    }

    @Test
    void offsetSkipsAfterTheMarker() {
        List<Item> sorted = sorted(null);
        assertThat(Page.of(sorted.get(1).id(), 2, 2).apply(sorted, Item::id)).containsExactly(sorted.get(4), sorted.get(5));
        assertThat(Page.of(null, 100, null).apply(sorted, Item::id)).isEmpty();
        assertThat(Page.of(null, null, null).limit()).isEqualTo(1000);
    }

    @Test
    void refusesBadPagingValues() {
        assertThatThrownBy(() -> Page.of(null, null, 0)).isInstanceOf(CsbsException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> Page.of(null, -1, null)).isInstanceOf(CsbsException.class).hasMessageContaining("offset");
        assertThatThrownBy(() -> Page.of(new UUID(9, 9), null, null).apply(items, Item::id))
                .isInstanceOf(CsbsException.class).hasMessageContaining("marker");
    }

    @Test
    void sortsByKeysWithDescendingAsTheDefaultDirectionAndIdAsTheTieBreaker() {
        Comparator<Item> expected = Comparator.comparing(Item::createdAt).reversed().thenComparing(Item::name)
                .thenComparing(item -> item.id().toString());
        assertThat(sorted("created_at,name:asc")).isSortedAccordingTo(expected);
        assertThat(sorted(null)).isSortedAccordingTo(Comparator.comparing(Item::createdAt).reversed()
                .thenComparing(item -> item.id().toString()));
    }

    @Test
    void refusesUnknownKeysAndMalformedSorts() {
        for (String bad : List.of("size", "name:up", "name;asc", "", ",", "name:asc,", "x".repeat(256))) {
            assertThatThrownBy(() -> sorted(bad)).as(bad).isInstanceOfSatisfying(CsbsException.class, error -> {
                assertThat(error.status()).isEqualTo(400);
                assertThat(error.errorCode()).isEqualTo("CSBS.9001");
            });
        }
    }

    private List<Item> sorted(String sort) {
        return items.stream().sorted(SortOrder.parse(sort, KEYS, "created_at:desc", item -> item.id().toString())).toList();
    }
}
