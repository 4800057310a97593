package com.example.csbs.stub.query;

import com.example.csbs.stub.http.CsbsException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code marker}, {@code offset} and {@code limit} query parameters: the page after the item whose
 * ID is the marker, then {@code offset} items skipped, then at most {@code limit} items. A marker that
 * is no longer in the listing (deleted since, or no longer matching the filters) still marks a place:
 * the page starts after where it would sort, so that paging while deleting neither repeats nor skips.
 */
public record Page(UUID marker, int offset, int limit) {

    /** The pages' default {@code limit}. */
    public static final int DEFAULT_LIMIT = 1000;

    /**
     * @throws CsbsException 400 CSBS.9001 for a limit under 1 or a negative offset
     */
    public static Page of(UUID marker, Integer offset, Integer limit) {
        if (limit != null && limit < 1) {
            throw CsbsException.invalidParameter("limit must be a positive integer");
        }
        if (offset != null && offset < 0) {
            throw CsbsException.invalidParameter("offset must not be negative");
        }
        return new Page(marker, offset == null ? 0 : offset, limit == null ? DEFAULT_LIMIT : limit);
    }

    /**
     * @param sorted the whole listing, in {@code order}
     * @param lookup the marker's item when it is not in the listing, if it is still known
     * @throws CsbsException 400 CSBS.9001 when the marker is neither in the listing nor known
     */
    public <T> List<T> apply(List<T> sorted, Function<T, UUID> id, Comparator<T> order, Function<UUID, Optional<T>> lookup) {
        return slice(sorted, id, order, lookup).items();
    }

    /** One page of a listing, and whether items follow it (a next page exists). */
    public record Slice<T>(List<T> items, boolean more) {
    }

    /** {@link #apply}, and whether items follow the page. */
    public <T> Slice<T> slice(List<T> sorted, Function<T, UUID> id, Comparator<T> order, Function<UUID, Optional<T>> lookup) {
        int from = 0;
        if (marker != null) {
            int at = 0;
            while (at < sorted.size() && !Objects.equals(id.apply(sorted.get(at)), marker)) {
                at++;
            }
            if (at < sorted.size()) {
                from = at + 1;
            } else {
                T markerItem = lookup.apply(marker).orElseThrow(() -> CsbsException.invalidParameter(
                        "marker " + marker + " is not an item of this listing"));
                while (from < sorted.size() && order.compare(sorted.get(from), markerItem) <= 0) {
                    from++;
                }
            }
        }
        from = (int) Math.min(sorted.size(), (long) from + offset);
        int to = (int) Math.min(sorted.size(), (long) from + limit);
        return new Slice<>(sorted.subList(from, to), to < sorted.size());
    }
}
