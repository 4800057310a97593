package com.example.csbs.stub.tag;

import com.example.csbs.stub.http.CsbsException;
import com.example.csbs.stub.model.ResourceTag;
import com.example.csbs.stub.model.TagFilter;
import com.example.csbs.stub.model.TagMatch;
import com.example.csbs.stub.model.TagQueryRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The criteria of "Querying Backup Policies by Tag" and "Querying Backup Resources by Tag", checked once
 * and then applied to each resource (its name and tags), and the page asked for.
 *
 * <p>A resource matches when it has every entry of {@code tags}, at least one of {@code tags_any}, not every
 * entry of {@code not_tags}, none of {@code not_tags_any}, and a name that {@code matches}. It has an entry
 * when it has the key and, unless the entry's values are empty (any value), one of them.
 */
public final class TagQuery {

    private final boolean count;
    private final List<Entry> all;
    private final List<Entry> any;
    private final List<Entry> notAll;
    private final List<Entry> notAny;
    private final String name; // null: any name
    private final int limit;
    private final int offset;

    private record Entry(String key, Set<String> values) {

        boolean heldBy(List<ResourceTag> tags) {
            String value = TagEdits.valueOf(tags, key);
            return value != null && (values.isEmpty() || values.contains(value));
        }
    }

    private TagQuery(TagQueryRequest request) {
        count = request.getAction() == TagQueryRequest.ActionEnum.COUNT;
        all = entries(request.getTags(), "tags");
        any = entries(request.getTagsAny(), "tags_any");
        notAll = entries(request.getNotTags(), "not_tags");
        notAny = entries(request.getNotTagsAny(), "not_tags_any");
        List<TagMatch> matches = request.getMatches();
        name = matches == null || matches.isEmpty() ? null : matches.get(0).getValue();
        // "not displayed" with count: ignored then. The schema's patterns have checked their form already.
        limit = count || request.getLimit() == null ? 1000 : Integer.parseInt(request.getLimit());
        offset = count || request.getOffset() == null ? 0 : Integer.parseInt(request.getOffset());
    }

    /**
     * The query the request asks for.
     *
     * @throws CsbsException 400 CSBS.9001 for a key twice in one list
     */
    public static TagQuery of(TagQueryRequest request) {
        return new TagQuery(request);
    }

    /** {@code count}: the answer is the number alone. */
    public boolean counts() {
        return count;
    }

    public int limit() {
        return limit;
    }

    public int offset() {
        return offset;
    }

    /** Whether a resource with this name and these tags is one the query asks for. */
    public boolean matches(String resourceName, List<ResourceTag> tags) {
        if (!all.stream().allMatch(entry -> entry.heldBy(tags))) {
            return false;
        }
        if (!any.isEmpty() && any.stream().noneMatch(entry -> entry.heldBy(tags))) {
            return false;
        }
        if (!notAll.isEmpty() && notAll.stream().allMatch(entry -> entry.heldBy(tags))) {
            return false;
        }
        if (notAny.stream().anyMatch(entry -> entry.heldBy(tags))) {
            return false;
        }
        return nameMatches(resourceName);
    }

    // "an empty character string indicates exact matching and any non-empty string indicates fuzzy matching"
    private boolean nameMatches(String resourceName) {
        if (name == null) {
            return true;
        }
        if (name.isEmpty()) {
            return resourceName.isEmpty();
        }
        return resourceName.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT));
    }

    private static List<Entry> entries(List<TagFilter> filters, String where) {
        if (filters == null) {
            return List.of();
        }
        Set<String> keys = new HashSet<>();
        return filters.stream().map(filter -> {
            String key = filter.getKey().trim();
            if (key.isEmpty()) {
                throw CsbsException.invalidParameter(where + " has an empty key");
            }
            if (!keys.add(key)) {
                throw CsbsException.invalidParameter(where + " has the key " + key + " twice (keys must be unique)");
            }
            Set<String> values = new HashSet<>();
            filter.getValues().forEach(value -> values.add(value.trim()));
            return new Entry(key, Set.copyOf(values));
        }).toList();
    }
}
