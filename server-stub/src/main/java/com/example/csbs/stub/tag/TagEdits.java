package com.example.csbs.stub.tag;

import com.example.csbs.stub.http.CsbsException;
import com.example.csbs.stub.model.ResourceTag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a resource's tags, the same for a backup policy and a backup: what a created tag may be,
 * how many a resource may have, and how adding and removing change its list. The lists are immutable and
 * hold fresh {@link ResourceTag}s that nothing changes afterwards, so that the stores can hand them out.
 */
public final class TagEdits {

    /** "A resource can have up to 10 tags." */
    public static final int MAX_PER_RESOURCE = 10;
    /** A created tag's key: "up to 36 characters ... only letters, digits, hyphens (-), and underscores (_)". */
    public static final int MAX_KEY_LENGTH = 36;
    /** A created tag's value: up to 43 of the same characters, possibly none. */
    public static final int MAX_VALUE_LENGTH = 43;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_KEY_LENGTH + "}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{0," + MAX_VALUE_LENGTH + "}");

    private TagEdits() {
    }

    /** A tag as created: key and value checked, a value left out is {@code ""} (the Go SDK omits an empty one). */
    public static ResourceTag created(String key, String value, String where) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw CsbsException.invalidParameter(where + ".key must be 1 to " + MAX_KEY_LENGTH
                    + " letters, digits, hyphens (-) and underscores (_)");
        }
        String given = value == null ? "" : value;
        if (!VALUE.matcher(given).matches()) {
            throw CsbsException.invalidParameter(where + ".value must be up to " + MAX_VALUE_LENGTH
                    + " letters, digits, hyphens (-) and underscores (_)");
        }
        return new ResourceTag().key(key).value(given);
    }

    /**
     * The tags a resource is created with (a policy's or a resource backup's {@code tags}): each checked,
     * each key once. {@code null}: none.
     */
    public static List<ResourceTag> initial(List<ResourceTag> tags, String where) {
        if (tags == null) {
            return List.of();
        }
        Set<String> keys = new HashSet<>();
        List<ResourceTag> created = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            ResourceTag tag = tags.get(i);
            if (!keys.add(tag.getKey())) {
                throw CsbsException.invalidParameter(where + ": key " + tag.getKey() + " appears twice (keys must be unique)");
            }
            created.add(created(tag.getKey(), tag.getValue(), where + "[" + i + "]"));
        }
        if (created.size() > MAX_PER_RESOURCE) {
            throw CsbsException.tagsOverLimit(MAX_PER_RESOURCE);
        }
        return List.copyOf(created);
    }

    /**
     * The tags after adding {@code added} (already checked): a key already there gets the new value and keeps
     * its place, a new key goes last.
     *
     * @throws CsbsException 400 CSBS.7000 when the resource would have more than {@link #MAX_PER_RESOURCE}
     */
    public static List<ResourceTag> put(List<ResourceTag> current, List<ResourceTag> added) {
        Map<String, String> byKey = byKey(current);
        for (ResourceTag tag : added) {
            byKey.put(tag.getKey(), tag.getValue());
        }
        if (byKey.size() > MAX_PER_RESOURCE) {
            throw CsbsException.tagsOverLimit(MAX_PER_RESOURCE);
        }
        return toList(byKey);
    }

    /**
     * The tags without the key; with a {@code value}, only if the tag has that value. Keys and values are
     * compared trimmed, as the pages say ("Keys are checked and used after deleting the spaces").
     */
    public static List<ResourceTag> remove(List<ResourceTag> current, String key, String value) {
        Map<String, String> byKey = byKey(current);
        String trimmedKey = key.trim();
        String present = byKey.get(trimmedKey);
        if (present != null && (value == null || present.equals(value.trim()))) {
            byKey.remove(trimmedKey);
        }
        return toList(byKey);
    }

    /** The tag's value, if the resource has the key (compared trimmed). */
    public static String valueOf(List<ResourceTag> tags, String key) {
        String trimmed = key.trim();
        for (ResourceTag tag : tags) {
            if (tag.getKey().equals(trimmed)) {
                return tag.getValue();
            }
        }
        return null;
    }

    private static Map<String, String> byKey(List<ResourceTag> tags) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (ResourceTag tag : tags) {
            byKey.put(tag.getKey(), tag.getValue());
        }
        return byKey;
    }

    private static List<ResourceTag> toList(Map<String, String> byKey) {
        List<ResourceTag> tags = new ArrayList<>(byKey.size());
        byKey.forEach((key, value) -> tags.add(new ResourceTag().key(key).value(value)));
        return List.copyOf(tags);
    }
}
