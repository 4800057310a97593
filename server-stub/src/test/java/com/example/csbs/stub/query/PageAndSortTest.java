package com.example.csbs.stub.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.csbs.stub.http.CsbsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        for (List<Item> page; !(page = page(Page.of(marker, null, 3), sorted)).isEmpty(); ) {
            visited.addAll(page);
            marker = page.get(page.size() - 1).id();
        }
        assertThat(visited).containsExactlyElementsOf(sorted);
    }

    @Test
    void offsetSkipsAfterTheMarker() {
        List<Item> sorted = sorted(null);
        assertThat(page(Page.of(sorted.get(1).id(), 2, 2), sorted)).containsExactly(sorted.get(4), sorted.get(5));
        assertThat(page(Page.of(null, 100, null), sorted)).isEmpty();
        assertThat(Page.of(null, null, null).limit()).isEqualTo(1000);
    }

    @Test
    void aMarkerThatLeftTheListingStillMarksItsPlace() {
        List<Item> sorted = sorted(null);
        Item marker = sorted.get(3);
        List<Item> without = sorted.stream().filter(item -> item != marker).toList(); // deleted since the last page
        List<Item> next = Page.of(marker.id(), null, 2).apply(without, Item::id, ORDER,
                id -> id.equals(marker.id()) ? Optional.of(marker) : Optional.empty());
        assertThat(next).containsExactly(sorted.get(4), sorted.get(5));
    }

    @Test
    void refusesBadPagingValues() {
        assertThatThrownBy(() -> Page.of(null, null, 0)).isInstanceOf(CsbsException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> Page.of(null, -1, null)).isInstanceOf(CsbsException.class).hasMessageContaining("offset");
        assertThatThrownBy(() -> page(Page.of(new UUID(9, 9), null, null), items))
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

    private static final Comparator<Item> ORDER = SortOrder.parse(null, KEYS, "created_at:desc", item -> item.id().toString());

    private static List<Item> page(Page page, List<Item> sorted) {
        return page.apply(sorted, Item::id, ORDER, id -> Optional.empty());
    }

    private List<Item> sorted(String sort) {
        return items.stream().sorted(SortOrder.parse(sort, KEYS, "created_at:desc", item -> item.id().toString())).toList();
    }
}
