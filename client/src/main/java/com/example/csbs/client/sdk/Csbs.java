package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.api.BackupApi;
import com.example.csbs.client.api.PolicyApi;
import com.example.csbs.client.api.QuotaApi;
import com.example.csbs.client.api.ResourceApi;
import com.example.csbs.client.api.RestoreApi;
import com.example.csbs.client.api.TagApi;
import com.example.csbs.client.model.CheckpointItem;
import com.example.csbs.client.model.PolicyResp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The CSBS client with waiting, paging and retrying built in, over the generated client.
 *
 * <ul>
 *   <li>the generated APIs, {@link #backups()}, {@link #policies()}, {@link #resources()},
 *       {@link #restores()}, {@link #quotas()}: every call retried as {@link Retries} says when the spec
 *       marks it safe to repeat (never an execution, a backup of a resource, a created policy or a
 *       restore), bounded by {@link #withCallTimeout a timeout per request}, failing with the
 *       {@link CsbsException} of its status (an {@link ApiException}) carrying {@code error_code} and
 *       {@code error_msg};</li>
 *   <li>listings across pages, lazily: {@link #allBackups}, {@link #allPolicies};</li>
 *   <li>waiters: {@link #waitUntilBackupsAvailable}, {@link #waitUntilBackupsDeleted},
 *       {@link #waitUntilRestored}, {@link #waitUntilPolicyStatus}, as long as {@link Waiting} says.</li>
 * </ul>
 *
 * What is safe to repeat, how a listing pages and what each waiter waits for come from the spec's
 * {@code x-csbs-*} extensions ({@link SpecExtensions}). A {@code Csbs} is immutable and thread-safe; the
 * {@code with...} methods return a copy that shares the connection.
 */
public final class Csbs {

    /** provider_id of CSBS, the one value the spec allows. */
    public static final String PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

    private final ApiClient transport;
    private final SpecExtensions spec;
    private final Retries retries;
    private final Duration callTimeout;
    private final Waiting waiting;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final RetryingApiClient client;

    private Csbs(ApiClient transport, SpecExtensions spec, Retries retries, Duration callTimeout, Waiting waiting,
                 Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.transport = transport;
        this.spec = spec;
        this.retries = retries;
        this.callTimeout = callTimeout;
        this.waiting = waiting;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.client = new RetryingApiClient(transport, spec, retries, callTimeout, clock, sleeper, random);
    }

    /** A layer over this ApiClient (its base path, token, headers and HTTP client), with the defaults. */
    public static Csbs over(ApiClient client) {
        return builder(client).build();
    }

    /** A layer over a new ApiClient for this endpoint and IAM token, with the defaults. */
    public static Csbs connect(URI baseUri, String token) {
        return builder(baseUri, token).build();
    }

    public static Builder builder(ApiClient client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    public static Builder builder(URI baseUri, String token) {
        ApiClient client = new ApiClient();
        client.setBasePath(baseUri.toString().replaceAll("/+$", ""));
        client.setApiKey(Objects.requireNonNull(token, "token"));   // sent as X-Auth-Token
        return new Builder(client);
    }

    /** Settings of a {@link Csbs}: retries, the timeout of a request, waiting, and for tests clock and sleeper. */
    public static final class Builder {
        private final ApiClient client;
        private Retries retries = Retries.standard();
        private Duration callTimeout = Duration.ofSeconds(60);
        private Waiting waiting = Waiting.standard();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.real();
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder(ApiClient client) {
            this.client = client;
        }

        public Builder retries(Retries retries) {
            this.retries = Objects.requireNonNull(retries);
            return this;
        }

        /** The longest a request may take, connecting and waiting for the answer (default 60 s). */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = positive(callTimeout);
            return this;
        }

        public Builder waiting(Waiting waiting) {
            this.waiting = Objects.requireNonNull(waiting);
            return this;
        }

        /** The clock of retries' total time and of waits' timeouts (tests: the stub's MutableClock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How the layer waits between retries and polls (tests: one that moves their clock). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /** The source of the retries' jitter. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public Csbs build() {
            return new Csbs(client, SpecExtensions.load(), retries, callTimeout, waiting, clock, sleeper, random);
        }
    }

    /** The same layer, with this timeout for each request (connecting, and waiting for the answer). */
    public Csbs withCallTimeout(Duration callTimeout) {
        return new Csbs(transport, spec, retries, positive(callTimeout), waiting, clock, sleeper, random);
    }

    /** The same layer, retrying so. */
    public Csbs withRetries(Retries retries) {
        return new Csbs(transport, spec, Objects.requireNonNull(retries), callTimeout, waiting, clock, sleeper, random);
    }

    /** The same layer, waiting so. */
    public Csbs withWaiting(Waiting waiting) {
        return new Csbs(transport, spec, retries, callTimeout, Objects.requireNonNull(waiting), clock, sleeper, random);
    }

    /** The ApiClient the layer sends through: set default headers, the token, the base path there. */
    public ApiClient apiClient() {
        return transport;
    }

    /** The spec's extensions the layer follows. */
    public SpecExtensions spec() {
        return spec;
    }

    public BackupApi backups() {
        return new BackupApi(client);
    }

    public PolicyApi policies() {
        return new PolicyApi(client);
    }

    public ResourceApi resources() {
        return new ResourceApi(client);
    }

    public RestoreApi restores() {
        return new RestoreApi(client);
    }

    public QuotaApi quotas() {
        return new QuotaApi(client);
    }

    public TagApi tags() {
        return new TagApi(client);
    }

    // ------------------------------------------------------------------ listings across pages

    /** Every backup of the project, page by page as iterated. */
    public Paginated<CheckpointItem> allBackups(String projectId) {
        return allBackups(projectId, query -> query);
    }

    /**
     * Every backup that matches the query, page by page as iterated; the query sets filters and sort on
     * the generated request, e.g. {@code query -> query.checkpointId(id).status("available")}.
     */
    public Paginated<CheckpointItem> allBackups(String projectId,
                                                UnaryOperator<BackupApi.APIlistBackupsRequest> query) {
        BackupApi api = backups();
        return new Paginated<>(pagination("listBackups"), () -> query.apply(api.listBackups(projectId)),
                BackupApi.APIlistBackupsRequest::execute, CheckpointItem.class, mapper(), null);
    }

    /** Every backup policy of the project, page by page as iterated. */
    public Paginated<PolicyResp> allPolicies(String projectId) {
        return allPolicies(projectId, query -> query);
    }

    /** Every backup policy that matches the query, e.g. {@code query -> query.name("daily")}. */
    public Paginated<PolicyResp> allPolicies(String projectId,
                                             UnaryOperator<PolicyApi.APIlistBackupPoliciesRequest> query) {
        PolicyApi api = policies();
        return new Paginated<>(pagination("listBackupPolicies"), () -> query.apply(api.listBackupPolicies(projectId)),
                PolicyApi.APIlistBackupPoliciesRequest::execute, PolicyResp.class, mapper(), null);
    }

    private SpecExtensions.Pagination pagination(String operationId) {
        return spec.operation(operationId).pagination().orElseThrow(() ->
                new IllegalStateException("the spec's " + operationId + " has no x-csbs-pagination"));
    }

    // ------------------------------------------------------------------ waiters

    /**
     * Waits until every backup of the checkpoint is available (spec: listBackups'
     * {@code backups_available}); returns them.
     *
     * @throws WaitFailedException at once when one ends in error, with the backups' fail_reason
     * @throws WaitTimeoutException when they are not all available within {@link Waiting#timeout()}
     */
    public List<CheckpointItem> waitUntilBackupsAvailable(String projectId, UUID checkpointId) throws ApiException {
        SpecExtensions.Waiter waiter = spec.operation("listBackups").waiter("backups_available");
        JsonNode answer = await(waiter, Map.of(), "backups of checkpoint " + checkpointId,
                () -> mapper().valueToTree(Map.of(waiter.items(),
                        allBackups(projectId, query -> query.checkpointId(checkpointId)).toList())));
        return items(answer, waiter, CheckpointItem.class);
    }

    /**
     * Waits until each of these backups is gone, after a deletion (spec: getBackup's
     * {@code backup_deleted}: 404).
     *
     * @throws WaitFailedException at once when a deletion fails
     * @throws WaitTimeoutException when one is still there after {@link Waiting#timeout()} (for them all)
     */
    public void waitUntilBackupsDeleted(String projectId, Collection<String> backupIds) throws ApiException {
        SpecExtensions.Waiter waiter = spec.operation("getBackup").waiter("backup_deleted");
        Instant deadline = clock.instant().plus(waiting.timeout());
        for (String backupId : backupIds) {
            Waiting left = new Waiting(maxZero(Duration.between(clock.instant(), deadline)), waiting.pollEvery());
            await(waiter, Map.of(), left, "deletion of backup " + backupId,
                    () -> mapper().valueToTree(backups().getBackup(projectId, UUID.fromString(backupId))));
        }
    }

    /**
     * Waits until a restore from this backup is done: the backup is available again (spec: getBackup's
     * {@code backup_restored}); returns it.
     *
     * @throws WaitFailedException when the restore failed (fail_op restore), with its fail_reason
     */
    public CheckpointItem waitUntilRestored(String projectId, UUID backupId) throws ApiException {
        SpecExtensions.Waiter waiter = spec.operation("getBackup").waiter("backup_restored");
        JsonNode answer = await(waiter, Map.of(), "restore from backup " + backupId,
                () -> mapper().valueToTree(backups().getBackup(projectId, backupId)));
        return items(answer, waiter, CheckpointItem.class).get(0);
    }

    /** Waits until the backup policy has this status (spec: getBackupPolicy's {@code policy_status}); returns it. */
    public PolicyResp waitUntilPolicyStatus(String projectId, UUID policyId, String status) throws ApiException {
        SpecExtensions.Waiter waiter = spec.operation("getBackupPolicy").waiter("policy_status");
        JsonNode answer = await(waiter, Map.of("status", status), "status " + status + " of backup policy " + policyId,
                () -> mapper().valueToTree(policies().getBackupPolicy(projectId, policyId)));
        return items(answer, waiter, PolicyResp.class).get(0);
    }

    @FunctionalInterface
    private interface Poll {
        JsonNode answer() throws ApiException;
    }

    private JsonNode await(SpecExtensions.Waiter waiter, Map<String, String> arguments, String what, Poll poll)
            throws ApiException {
        return await(waiter, arguments, waiting, what, poll);
    }

    /** Polls until the waiter's success or failure, or its timeout (one last poll at the deadline). */
    private JsonNode await(SpecExtensions.Waiter waiter, Map<String, String> arguments, Waiting waiting, String what,
                           Poll poll) throws ApiException {
        Instant deadline = clock.instant().plus(waiting.timeout());
        for (int polls = 1; ; polls++) {
            try {
                JsonNode answer = poll.answer();
                List<JsonNode> items = itemNodes(answer, waiter);
                List<String> reasons = new ArrayList<>();
                for (JsonNode item : items) {
                    if (waiter.failure().stream().anyMatch(matcher -> matches(item, matcher, arguments))) {
                        reasons.add(item.path("id").asText() + ": "
                                + waiter.reason().map(reason -> at(item, reason).asText()).orElse("failed"));
                    }
                }
                if (!reasons.isEmpty()) {
                    throw new WaitFailedException(waiter.operationId(), waiter.name(), what, reasons);
                }
                if (!waiter.success().isEmpty() && !items.isEmpty() && items.stream().allMatch(item ->
                        waiter.success().stream().anyMatch(matcher -> matches(item, matcher, arguments)))) {
                    return answer;
                }
            } catch (CsbsException e) {
                if (e instanceof WaitFailedException || waiter.successStatus().isEmpty()
                        || e.status() != waiter.successStatus().get()) {
                    throw e;
                }
                return null;   // the status that ends the wait, e.g. 404: gone
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new WaitTimeoutException(waiter.operationId(), waiter.name(), what, waiting.timeout(), polls);
            }
            Duration pause = Duration.between(now, deadline);
            try {
                sleeper.sleep(pause.compareTo(waiting.pollEvery()) < 0 ? pause : waiting.pollEvery());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitTimeoutException(waiter.operationId(), waiter.name(), what + " (interrupted)",
                        waiting.timeout(), polls);
            }
        }
    }

    private static List<JsonNode> itemNodes(JsonNode answer, SpecExtensions.Waiter waiter) {
        JsonNode items = answer.path(waiter.items());
        List<JsonNode> nodes = new ArrayList<>();
        if (items.isArray()) {
            items.forEach(nodes::add);
        } else if (items.isObject()) {
            nodes.add(items);
        }
        return nodes;
    }

    private <T> List<T> items(JsonNode answer, SpecExtensions.Waiter waiter, Class<T> type) {
        List<T> items = new ArrayList<>();
        for (JsonNode node : itemNodes(answer, waiter)) {
            items.add(mapper().convertValue(node, type));
        }
        return items;
    }

    private static boolean matches(JsonNode item, Map<String, String> matcher, Map<String, String> arguments) {
        return matcher.entrySet().stream().allMatch(field -> {
            String expected = field.getValue();
            for (Map.Entry<String, String> argument : arguments.entrySet()) {
                expected = expected.replace("{" + argument.getKey() + "}", argument.getValue());
            }
            JsonNode actual = at(item, field.getKey());
            return !actual.isMissingNode() && !actual.isNull() && actual.asText().equals(expected);
        });
    }

    private static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode at = node;
        for (String field : dottedPath.split("\\.")) {
            at = at.path(field);
        }
        return at;
    }

    private ObjectMapper mapper() {
        return transport.getJSON().getMapper();
    }

    private static Duration positive(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a timeout must be positive, was " + duration);
        }
        return duration;
    }

    private static Duration maxZero(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
