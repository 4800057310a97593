package com.example.csbs.stub.query;

import com.example.csbs.stub.http.CsbsException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code marker}, {@code offset} and {@code limit} query parameters: the page after the item whose
 * ID is the marker, then {@code offset} items skipped, then at most {@code limit} items.
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
     * @param sorted the whole listing, in its order
     * @throws CsbsException 400 CSBS.9001 when the marker is not an item of the listing
     */
    public <T> List<T> apply(List<T> sorted, Function<T, UUID> id) {
        int from = 0;
        if (marker != null) {
            int at = 0;
            while (at < sorted.size() && !Objects.equals(id.apply(sorted.get(at)), marker)) {
                at++;
            }
            if (at == sorted.size()) {
                throw CsbsException.invalidParameter("marker " + marker + " is not an item of this listing");
            }
            from = at + 1;
        }
        from = (int) Math.min(sorted.size(), (long) from + offset);
        int to = (int) Math.min(sorted.size(), (long) from + limit);
        return sorted.subList(from, to);
    }
}
