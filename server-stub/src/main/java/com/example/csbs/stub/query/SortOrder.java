package com.example.csbs.stub.query;

import com.example.csbs.stub.http.CsbsException;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code sort} query parameter, {@code <key1>[:<direction>],<key2>[:<direction>]}, over the keys a
 * listing allows; direction {@code asc} or {@code desc}, {@code desc} when left out (the pages' rule).
 * Ties are broken by ID, ascending, so that paging by marker is stable.
 */
public final class SortOrder {

    public static final int MAX_LENGTH = 255;
    private static final Pattern TERM = Pattern.compile("([a-z_]+)(?::(asc|desc))?");

    private SortOrder() {
    }

    /**
     * @param sort         the parameter's value, or null for {@code defaultSort}
     * @param keys         every allowed key with the value it sorts by (a string; timestamps in the pages' style sort as text)
     * @param defaultSort  what an absent parameter means
     * @param id           the ID of an item, the final tie-breaker
     * @throws CsbsException 400 CSBS.9001 for a malformed value or an unknown key
     */
    public static <T> Comparator<T> parse(String sort, Map<String, Function<T, String>> keys, String defaultSort,
                                          Function<T, String> id) {
        String value = sort == null ? defaultSort : sort;
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw CsbsException.invalidParameter("sort must be 1 to " + MAX_LENGTH + " characters");
        }
        Comparator<T> order = null;
        for (String term : value.split(",", -1)) {
            var matcher = TERM.matcher(term.trim());
            if (!matcher.matches()) {
                throw CsbsException.invalidParameter("sort must be <key>[:asc|desc],...; keys: " + String.join(", ", keys.keySet()));
            }
            Function<T, String> key = keys.get(matcher.group(1));
            if (key == null) {
                throw CsbsException.invalidParameter("sort key must be one of " + String.join(", ", keys.keySet()));
            }
            Comparator<T> byKey = Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder()));
            if (!"asc".equals(matcher.group(2))) {
                byKey = byKey.reversed();
            }
            order = order == null ? byKey : order.thenComparing(byKey);
        }
        return order.thenComparing(id);
    }
}
