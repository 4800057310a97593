package com.example.csbs.contract.check;

import com.example.csbs.contract.check.CheckRun.Judged;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a listing means, judged against the whole listing: every filter of listBackups and countBackups (and the name
 * of listBackupPolicies) answers exactly what its rule keeps of the whole listing, boundaries included, nothing
 * missing and nothing extra, and a count is the number of those; the documented default order and every sort key in
 * both directions. Where the project holds too little to judge a rule, the check is skipped and says why.
 */
final class ListingChecks {

    static final String GROUP = "meaning";

    /** A filter and its rule in the spec's words: which items of the whole listing it keeps for a value. */
    private record Filter(String parameter, String rule, BiPredicate<JsonNode, String> keeps, Function<List<JsonNode>, List<String>> values) {
    }

    /**
     * A sort key: the field it sorts by and how two values compare (null: the spec leaves the collation open, so
     * only equal values together and desc the reverse of asc are judged); text is compared by character code or
     * ignoring case, either.
     */
    private record SortKey(String key, String field, Comparator<String> order, boolean text) {

        SortKey(String key, String field, Comparator<String> order) {
            this(key, field, order, false);
        }
    }

    private static final Comparator<String> BY_TIME = Comparator.comparing(LocalDateTime::parse);
    private static final Comparator<String> BY_ID = Comparator.comparing(id -> id.toLowerCase(Locale.ROOT));

    private static final List<Filter> BACKUP_FILTERS = List.of(
            new Filter("status", "backups in that status (status equal to the value)",
                    (item, value) -> item.path("status").asText().equals(value), items -> distinct(items, "/status", 3)),
            new Filter("name", "backups whose name contains the value, ignoring case",
                    (item, value) -> containsIgnoringCase(item.path("name").asText(), value), items -> parts(items, "/name")),
            new Filter("resource_name", "backups whose backup object name (extend_info.resource_name) contains the value, ignoring case",
                    (item, value) -> containsIgnoringCase(item.at("/extend_info/resource_name").asText(), value),
                    items -> parts(items, "/extend_info/resource_name")),
            new Filter("resource_id", "backups of that backup object (resource_id)",
                    (item, value) -> item.path("resource_id").asText().equalsIgnoreCase(value), items -> distinct(items, "/resource_id", 2)),
            new Filter("checkpoint_id", "backups of that backup record (checkpoint_id)",
                    (item, value) -> item.path("checkpoint_id").asText().equalsIgnoreCase(value), items -> distinct(items, "/checkpoint_id", 2)),
            new Filter("resource_type", "backups of that type of backup object (resource_type)",
                    (item, value) -> item.path("resource_type").asText().equals(value), items -> distinct(items, "/resource_type", 2)),
            new Filter("start_time", "Backups created at or after this time (created_at, inclusive)",
                    (item, value) -> !Semantics.isBefore(item.path("created_at").asText(), value), ListingChecks::middleTime),
            new Filter("end_time", "Backups created at or before this time (created_at, inclusive)",
                    (item, value) -> !Semantics.isBefore(value, item.path("created_at").asText()), ListingChecks::middleTime),
            new Filter("az", "backups in that AZ (extend_info.resource_az)",
                    (item, value) -> item.at("/extend_info/resource_az").asText().equals(value), items -> distinct(items, "/extend_info/resource_az", 2)),
            new Filter("image_type", "backups of that image type (extend_info.image_type)",
                    (item, value) -> item.at("/extend_info/image_type").asText().equals(value), items -> distinct(items, "/extend_info/image_type", 2)),
            new Filter("ip", "Backups whose server has this IP address (backup_data.private_ip or backup_data.eip)",
                    (item, value) -> item.at("/backup_data/private_ip").asText().equals(value) || item.at("/backup_data/eip").asText().equals(value),
                    items -> Stream.concat(distinct(items, "/backup_data/private_ip", 1).stream(), distinct(items, "/backup_data/eip", 1).stream()).toList()));

    private static final Filter POLICY_NAME = new Filter("name", "Exact matching based on field name",
            (item, value) -> item.path("name").asText().equals(value), items -> {
                List<String> names = distinct(items, "/name", 1);
                // The whole name, and a part of it that only a service matching parts would answer with.
                return names.isEmpty() ? names : Stream.of(names.get(0), names.get(0).substring(0, Math.max(1, names.get(0).length() - 1)))
                        .distinct().toList();
            });

    private static final List<SortKey> BACKUP_SORT_KEYS = List.of(
            new SortKey("created_at", "/created_at", BY_TIME),
            new SortKey("updated_at", "/updated_at", BY_TIME),
            new SortKey("name", "/name", null, true),
            new SortKey("status", "/status", null),
            // Not a field of a backup: the spec sorts it as the creation time.
            new SortKey("protected_at", "/created_at", BY_TIME),
            new SortKey("id", "/id", BY_ID));

    private static final List<SortKey> POLICY_SORT_KEYS = List.of(
            new SortKey("created_at", "/created_at", BY_TIME),
            new SortKey("name", "/name", null, true),
            new SortKey("id", "/id", BY_ID),
            new SortKey("status", "/status", null));

    private final CheckRun run;
    private final Fixture fixture;

    private ListingChecks(CheckRun run, Fixture fixture) {
        this.run = run;
        this.fixture = fixture;
    }

    static void run(CheckRun run, Fixture fixture) throws InterruptedException {
        ListingChecks checks = new ListingChecks(run, fixture);
        for (Filter filter : BACKUP_FILTERS) {
            checks.filter("listBackups", filter);
            checks.filter("countBackups", filter);
        }
        checks.policyFilter("listBackups");
        checks.policyFilter("countBackups");
        checks.filter("listBackupPolicies", POLICY_NAME);
        checks.defaultOrder("listBackups", "Backups are sorted by created_at:desc unless sort says otherwise; ties are broken by id, ascending",
                true);
        for (SortKey key : BACKUP_SORT_KEYS) {
            checks.sortOrder("listBackups", key);
        }
        checks.defaultOrder("listBackupPolicies", "Backup policies are sorted by created_at:desc unless sort says otherwise, ties broken by id",
                false);
        for (SortKey key : POLICY_SORT_KEYS) {
            checks.sortOrder("listBackupPolicies", key);
        }
    }

    /** The listing an operation is judged against: listBackups for the count, itself otherwise. */
    private static String listingOf(String operationId) {
        return operationId.equals("countBackups") ? "listBackups" : operationId;
    }

    private Call call(String operationId, Map<String, String> query) {
        return run.service.get(run.path(operationId, Map.of()), query);
    }

    /** The whole listing (no filter, no paging), as judged items; the check stops where it cannot be had. */
    private List<JsonNode> whole(Findings findings, String operationId) throws ServiceClient.NoResponseException, InterruptedException {
        return wholeListing(findings, operationId).items();
    }

    /** A whole listing and the exchange that answered it. */
    private record Whole(Exchange exchange, List<JsonNode> items) {
    }

    private Whole wholeListing(Findings findings, String operationId) throws ServiceClient.NoResponseException, InterruptedException {
        String listing = listingOf(operationId);
        String field = Listings.field(listing);
        Judged judged = run.sendValid(findings::send, listing, call(listing, Map.of()), Map.of(), Expected.status(200));
        findings.problems(judged.exchange(), judged.problems());
        if (!judged.ok(200) || !judged.json().path(field).isArray()) {
            findings.problem(judged.exchange(), "the whole listing answered " + judged.exchange().status() + ": no rule can be judged");
            findings.stop();
        }
        List<JsonNode> items = new ArrayList<>();
        judged.json().path(field).forEach(items::add);
        if (items.size() >= Semantics.DEFAULT_LIMIT) {
            findings.skip("the project holds " + items.size() + " " + field + " or more, one whole page of the default limit:"
                    + " the whole listing is unknown");
        }
        return new Whole(judged.exchange(), items);
    }

    /** The check ends as skipped when the whole listing changed while it ran (backups being made or deleted). */
    private void sameAfter(Findings findings, String operationId, List<JsonNode> before) throws ServiceClient.NoResponseException, InterruptedException {
        String field = Listings.field(listingOf(operationId));
        List<String> after = Listings.ids(findings.send(call(listingOf(operationId), Map.of())), field);
        if (after == null || !new LinkedHashSet<>(after).equals(new LinkedHashSet<>(ids(before)))) {
            findings.skip("the listing changed while the check ran: not judged");
        }
    }

    private void filter(String operationId, Filter filter) throws InterruptedException {
        boolean count = operationId.equals("countBackups");
        String expected = count ? "the number of " + Listings.field(listingOf(operationId)) + " that fit" : "every item that fits, nothing else";
        run.check(GROUP, operationId + ": filter " + filter.parameter(), expected, findings -> {
            List<JsonNode> whole = whole(findings, operationId);
            if (whole.isEmpty()) {
                findings.skip("the project holds no " + Listings.field(listingOf(operationId)) + ": the filter cannot be judged"
                        + (run.options.lifecycle() ? "" : " (--lifecycle makes some)"));
            }
            List<String> values = filter.values().apply(whole);
            if (values.isEmpty()) {
                findings.skip("no item has a value for " + filter.parameter() + " to filter by");
            }
            for (String value : values) {
                List<String> fitting = whole.stream().filter(item -> filter.keeps().test(item, value))
                        .map(item -> item.path("id").asText().toLowerCase(Locale.ROOT)).toList();
                judgeFiltered(findings, operationId, Map.of(filter.parameter(), value), fitting, List.of(), filter.rule());
            }
            sameAfter(findings, operationId, whole);
        });
    }

    /**
     * policy_id: a backup does not show its policy, so only the fixture's backups can be judged: those of the plan asked
     * for must be answered, those of another plan not.
     */
    private void policyFilter(String operationId) throws InterruptedException {
        boolean count = operationId.equals("countBackups");
        run.check(GROUP, operationId + ": filter policy_id", count ? "counts the run's backups of the policy, not the others"
                : "the run's backups of the policy, not the others", findings -> {
            if (!fixture.present()) {
                findings.skip("a backup does not show its policy: only backups the run made can be judged (--lifecycle makes some)");
            }
            String plan = fixture.made().get(0).planId();
            List<String> ofPlan = fixture.backupsOf(plan);
            List<String> others = fixture.backupIds().stream().filter(id -> !ofPlan.contains(id)).toList();
            judgeFiltered(findings, operationId, Map.of("policy_id", plan), ofPlan, others, "backups made by the policy policy_id");
        });
    }

    /**
     * Sends the filter and compares: a listing must hold each of {@code fitting} and none of the whole listing's others
     * ({@code mustNot} too, where the whole listing is not known); a count must be their number.
     */
    private void judgeFiltered(Findings findings, String operationId, Map<String, String> query, List<String> fitting,
                               List<String> mustNot, String rule) throws ServiceClient.NoResponseException, InterruptedException {
        String asked = query.entrySet().iterator().next().toString();
        Judged judged = run.sendValid(findings::send, operationId, call(operationId, query), Map.of(), Expected.status(200));
        findings.problems(judged.exchange(), judged.problems());
        if (!judged.ok(200)) {
            return;
        }
        boolean partial = !mustNot.isEmpty() || query.containsKey("policy_id");
        if (operationId.equals("countBackups")) {
            long counted = judged.json().path("count").asLong(-1);
            if (!partial && counted != fitting.size()) {
                findings.problem(judged.exchange(), "count is " + counted + " for " + asked + ", but " + fitting.size()
                        + " of the listed backups fit the rule: " + rule);
            } else if (partial) {
                // Only the run's backups are known: the count must hold at least those of the plan (and agree with its
                // listing, which sendValid judged).
                if (counted < fitting.size()) {
                    findings.problem(judged.exchange(), "count is " + counted + " for " + asked + ", but the run made " + fitting.size()
                            + " backups that fit the rule: " + rule);
                }
            }
            return;
        }
        String field = Listings.field(operationId);
        List<String> answered = Listings.ids(judged.json(), field);
        List<String> missing = fitting.stream().filter(id -> !answered.contains(id)).toList();
        if (!missing.isEmpty()) {
            findings.problem(judged.exchange(), asked + " leaves out " + Listings.shown(missing) + ", which fit the rule: " + rule);
        }
        List<String> extra = answered.stream().filter(id -> partial ? mustNot.contains(id) : !fitting.contains(id)).toList();
        if (!extra.isEmpty()) {
            findings.problem(judged.exchange(), asked + " answers " + Listings.shown(extra) + ", which do not fit the rule: " + rule);
        }
    }

    /** The default order: the first key's order, and the ties as the spec breaks them (by id; ascending where it says so). */
    private void defaultOrder(String operationId, String rule, boolean tiesAscending) throws InterruptedException {
        run.check(GROUP, operationId + ": default order", "created_at descending, ties by id", findings -> {
            Whole listing = wholeListing(findings, operationId);
            List<JsonNode> whole = listing.items();
            Exchange exchange = listing.exchange();
            if (whole.size() < 2) {
                findings.skip("the project holds " + whole.size() + " " + Listings.field(operationId) + ": no order to judge"
                        + (run.options.lifecycle() || operationId.equals("listBackupPolicies") ? "" : " (--lifecycle makes some)"));
            }
            // The time order first: where it is broken, the ties say nothing more.
            for (int i = 1; i < whole.size(); i++) {
                String earlier = whole.get(i - 1).path("created_at").asText();
                String later = whole.get(i).path("created_at").asText();
                if (Semantics.parses(earlier) && Semantics.parses(later) && BY_TIME.compare(earlier, later) < 0) {
                    findings.problem(exchange, "item " + (i - 1) + " (created_at " + earlier + ") comes before item " + i + " (created_at "
                            + later + "): " + rule);
                    return;
                }
            }
            for (int i = 1; i < whole.size() && tiesAscending; i++) {
                String firstId = whole.get(i - 1).path("id").asText();
                String secondId = whole.get(i).path("id").asText();
                String created = whole.get(i).path("created_at").asText();
                if (created.equals(whole.get(i - 1).path("created_at").asText()) && BY_ID.compare(firstId, secondId) > 0) {
                    findings.problem(exchange, "items " + (i - 1) + " and " + i + " have the same created_at " + created + " and come in the"
                            + " order of their ids " + firstId + ", " + secondId + ": " + rule);
                    return;
                }
            }
            if (!tiesAscending) {
                tiesInOneDirection(findings, exchange, whole, rule);
            }
        });
    }

    /** Ties broken by id, the direction not stated: within each run of equal created_at the ids go one way. */
    private static void tiesInOneDirection(Findings findings, Exchange exchange, List<JsonNode> items, String rule) {
        int start = 0;
        for (int i = 1; i <= items.size(); i++) {
            boolean tieEnds = i == items.size() || !items.get(i).path("created_at").asText().equals(items.get(start).path("created_at").asText());
            if (tieEnds) {
                List<String> tie = items.subList(start, i).stream().map(item -> item.path("id").asText().toLowerCase(Locale.ROOT)).toList();
                List<String> ascending = tie.stream().sorted().toList();
                if (tie.size() > 2 && !tie.equals(ascending) && !tie.equals(reversed(ascending))) {
                    findings.problem(exchange, "the items created at " + items.get(start).path("created_at").asText()
                            + " are not in the order of their ids, either way: " + tie + ": " + rule);
                }
                start = i;
            }
        }
    }

    /** One sort key in each direction, and without a direction (descending): the same items, in the key's order. */
    private void sortOrder(String operationId, SortKey key) throws InterruptedException {
        String field = Listings.field(operationId);
        run.check(GROUP, operationId + ": sort by " + key.key(), "the same items, in " + key.key() + " order, asc, desc and without direction",
                findings -> {
                    List<JsonNode> whole = whole(findings, operationId);
                    Set<String> values = new LinkedHashSet<>();
                    whole.forEach(item -> values.add(item.at(key.field()).asText()));
                    if (whole.size() < 2) {
                        findings.skip("the project holds " + whole.size() + " " + field + ": no order to judge"
                                + (run.options.lifecycle() || !operationId.equals("listBackups") ? "" : " (--lifecycle makes some)"));
                    }
                    if (values.size() < 2) {
                        findings.skip("the project's " + whole.size() + " " + field + " all have the same " + key.key()
                                + ": no order to see" + (run.options.lifecycle() || !operationId.equals("listBackups") ? ""
                                : " (--lifecycle makes some)"));
                    }
                    Map<String, List<String>> orders = new LinkedHashMap<>();
                    for (String sort : List.of(key.key() + ":asc", key.key() + ":desc", key.key())) {
                        Judged judged = run.sendValid(findings::send, operationId, call(operationId, Map.of("sort", sort)), Map.of(),
                                Expected.status(200));
                        findings.problems(judged.exchange(), judged.problems());
                        if (!judged.ok(200)) {
                            continue;
                        }
                        List<JsonNode> sorted = new ArrayList<>();
                        judged.json().path(field).forEach(sorted::add);
                        if (!new LinkedHashSet<>(ids(sorted)).equals(new LinkedHashSet<>(ids(whole)))) {
                            findings.problem(judged.exchange(), "sort=" + sort + " answers other " + field + " than the whole listing: "
                                    + Listings.shown(ids(sorted)) + ", whole " + Listings.shown(ids(whole)));
                            continue;
                        }
                        boolean ascending = sort.endsWith(":asc");
                        List<String> sortedValues = sorted.stream().map(item -> item.at(key.field()).asText()).toList();
                        orders.put(sort, sortedValues);
                        String wrong = key.order() != null ? outOfOrder(sortedValues, key.order(), ascending)
                                : outOfAnyOrder(sortedValues, ascending, key.text());
                        if (wrong != null) {
                            findings.problem(judged.exchange(), "sort=" + sort + ": " + wrong + ", but " + (ascending ? "asc" : "desc")
                                    + " is " + (ascending ? "ascending" : "descending") + (sort.contains(":") ? ""
                                    : " (a key without direction sorts in descending order)"));
                        }
                    }
                    // Where the spec leaves the collation open (names, statuses), desc is still asc reversed.
                    List<String> asc = orders.get(key.key() + ":asc");
                    List<String> desc = orders.get(key.key() + ":desc");
                    if (key.order() == null && asc != null && desc != null && !groups(asc).equals(reversed(groups(desc)))) {
                        findings.problem("sort=" + key.key() + ":desc orders the " + key.key() + " values " + groups(desc)
                                + ", sort=" + key.key() + ":asc " + groups(asc) + ": one must be the other reversed");
                    }
                    sameAfter(findings, operationId, whole);
                });
    }

    /** Where consecutive values break the order (ties in any order), or null. */
    private static String outOfOrder(List<String> values, Comparator<String> order, boolean ascending) {
        for (int i = 1; i < values.size(); i++) {
            int compared = order.compare(values.get(i - 1), values.get(i));
            if (ascending ? compared > 0 : compared < 0) {
                return "item " + (i - 1) + " (" + values.get(i - 1) + ") comes before item " + i + " (" + values.get(i) + ")";
            }
        }
        return null;
    }

    /**
     * For a key whose collation the spec leaves open: equal values together; for text, out of order only if out of
     * order both by character code and ignoring case.
     */
    private static String outOfAnyOrder(List<String> values, boolean ascending, boolean text) {
        List<String> groups = groups(values);
        if (groups.size() != new LinkedHashSet<>(groups).size()) {
            return "equal values are not together: " + groups;
        }
        if (!text) {
            return null;
        }
        String binary = outOfOrder(values, Comparator.naturalOrder(), ascending);
        String ignoringCase = outOfOrder(values, String.CASE_INSENSITIVE_ORDER, ascending);
        return binary != null && ignoringCase != null ? binary : null;
    }

    /** The values with repeats next to each other folded: {@code a a b a} is {@code [a, b, a]}. */
    private static List<String> groups(List<String> values) {
        List<String> groups = new ArrayList<>();
        for (String value : values) {
            if (groups.isEmpty() || !groups.get(groups.size() - 1).equals(value)) {
                groups.add(value);
            }
        }
        return groups;
    }

    private static List<String> reversed(List<String> values) {
        List<String> reversed = new ArrayList<>(values);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.path("id").asText().toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> distinct(List<JsonNode> items, String pointer, int most) {
        return items.stream().map(item -> item.at(pointer).asText()).filter(value -> !value.isEmpty()).distinct().limit(most).toList();
    }

    /** A part of the first value in upper case (the filter matches parts, ignoring case), and the whole value. */
    private static List<String> parts(List<JsonNode> items, String pointer) {
        List<String> values = distinct(items, pointer, 1);
        if (values.isEmpty()) {
            return values;
        }
        String value = values.get(0);
        String part = value.length() < 3 ? value : value.substring(1, value.length() - 1);
        return Stream.of(part.toUpperCase(Locale.ROOT), value).distinct().toList();
    }

    /** The creation time of the middle item by time: a bound that some items are on each side of, and one is on. */
    private static List<String> middleTime(List<JsonNode> items) {
        List<String> times = items.stream().map(item -> item.path("created_at").asText()).filter(Semantics::parses).sorted(BY_TIME).toList();
        return times.isEmpty() ? List.of() : List.of(times.get(times.size() / 2));
    }

    private static boolean containsIgnoringCase(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
