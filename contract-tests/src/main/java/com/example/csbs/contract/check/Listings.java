package com.example.csbs.contract.check;

import com.example.csbs.contract.check.ServiceClient.NoResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a listing must agree with: a page is the slice of the whole listing (same filters and sort) that marker,
 * offset and limit say, and a count is the length of the listing with the same filters. The whole listing is read
 * before and after the request judged; if it changed in between (backups being made or deleted), the request is
 * not judged, so that a busy service raises no false alarm.
 */
final class Listings {

    /** Sends a call: a check's (which ends the check without an answer) or a generated case's. */
    interface Sender {
        Exchange send(Call call) throws NoResponseException, InterruptedException;
    }

    /** A request and the whole listing read just before and just after it (null: not a 200 listing). */
    record Bracketed(List<String> before, Exchange exchange, List<String> after) {

        boolean stable() {
            return before != null && before.equals(after);
        }
    }

    static final List<String> PAGING = List.of("limit", "offset", "marker");
    private static final String BACKUPS = "checkpoint_items";

    private Listings() {
    }

    /** The listing's field: checkpoint_items or policies. */
    static String field(String operationId) {
        return operationId.equals("listBackupPolicies") ? "policies" : BACKUPS;
    }

    /** The call sent between two reads of the whole listing the other call asks for. */
    static Bracketed bracketed(Sender sender, Call call, Call whole, String field) throws NoResponseException, InterruptedException {
        List<String> before = ids(sender.send(whole), field);
        Exchange exchange = sender.send(call);
        List<String> after = ids(sender.send(whole), field);
        return new Bracketed(before, exchange, after);
    }

    /** The call without paging: its whole listing (up to the default limit). */
    static Call whole(Call page) {
        Map<String, String> query = new LinkedHashMap<>(page.query());
        query.keySet().removeAll(PAGING);
        return page.withQuery(query);
    }

    /** The listing of backups that a count with these filters counts (ip, a filter of the count only, left out). */
    static Call listingOfCount(Call count) {
        Map<String, String> query = new LinkedHashMap<>(count.query());
        query.remove("ip");
        return new Call("GET", count.path().substring(0, count.path().length() - "/count".length()), query, count.headers(), null);
    }

    /** The page's items must be the slice of the whole listing after the marker, past offset, at most limit. */
    static List<String> pageProblems(Bracketed listing, JsonNode page, String field) {
        List<String> problems = new ArrayList<>();
        if (!listing.stable() || listing.before().size() >= Semantics.DEFAULT_LIMIT || !page.path(field).isArray()) {
            return problems; // not judged: the listing changed meanwhile, is longer than one whole read, or is no listing
        }
        List<String> whole = listing.before();
        Map<String, String> query = listing.exchange().call().query();
        int from = 0;
        String marker = query.get("marker");
        if (marker != null) {
            from = whole.indexOf(marker.toLowerCase(Locale.ROOT)) + 1;
            if (from == 0) {
                return problems; // a marker the filters leave out marks its place: where, this listing cannot say
            }
        }
        long offset = number(query.get("offset"), 0);
        long limit = Semantics.limit(query);
        // Offsets and limits may be as large as a long: no sum past the listing's length.
        int start = (int) Math.min(whole.size(), from + Math.min(offset, whole.size()));
        int end = (int) Math.min(whole.size(), start + Math.min(limit, whole.size()));
        List<String> expected = whole.subList(start, end);
        List<String> actual = ids(page, field);
        if (!actual.equals(expected)) {
            problems.add("the page has " + shown(actual) + ", expected " + shown(expected) + ": the whole listing for the same"
                    + " filters and sort (" + whole.size() + " items)" + (marker == null ? "" : " after the marker " + marker)
                    + (offset == 0 ? "" : ", " + offset + " skipped") + ", at most " + limit);
        }
        return problems;
    }

    /** The count must be the length of the listing with the same filters (at least, where the count has ip too). */
    static List<String> countProblems(Bracketed listing, JsonNode answer) {
        List<String> problems = new ArrayList<>();
        JsonNode count = answer.path("count");
        if (!listing.stable() || !count.canConvertToLong()) {
            return problems;
        }
        int listed = listing.before().size();
        boolean narrower = listing.exchange().call().query().containsKey("ip");
        boolean capped = listed >= Semantics.DEFAULT_LIMIT;
        long counted = count.asLong();
        // With ip the count may only be smaller; past one whole read the listing says only "at least".
        boolean wrong = narrower ? !capped && counted > listed : capped ? counted < listed : counted != listed;
        if (wrong) {
            problems.add("count is " + counted + ", but listBackups with the same filters" + (narrower ? " (without ip)" : "")
                    + " lists " + listed + (capped ? " (its first page)" : ""));
        }
        return problems;
    }

    /** The ids of a 200 listing, lower case (UUIDs); null for any other answer. */
    static List<String> ids(Exchange exchange, String field) {
        JsonNode json = exchange.status() == 200 ? Judge.parse(exchange.body()) : null;
        return json == null || !json.path(field).isArray() ? null : ids(json, field);
    }

    static List<String> ids(JsonNode listing, String field) {
        List<String> ids = new ArrayList<>();
        listing.path(field).forEach(item -> ids.add(item.path("id").asText().toLowerCase(Locale.ROOT)));
        return ids;
    }

    static String shown(List<String> ids) {
        return ids.size() <= 6 ? ids.toString() : ids.subList(0, 6).toString().replace("]", ", ... (" + ids.size() + ")]");
    }

    private static long number(String value, long otherwise) {
        try {
            return value == null ? otherwise : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
