package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.LayerStub.DAILY;
import static com.example.csbs.contract.LayerStub.listBackups;
import static com.example.csbs.contract.LayerStub.listPolicies;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.client.model.CheckpointItem;
import com.example.csbs.client.model.PolicyResp;
import com.example.csbs.client.sdk.Csbs;
import com.example.csbs.client.sdk.Paginated;
import com.example.csbs.client.sdk.Retries;
import com.example.csbs.client.sdk.Waiting;
import com.example.csbs.stub.data.BackupDataSet.Policy;
import com.example.csbs.stub.data.BackupDataSet.ProtectedResource;
import com.example.csbs.stub.journal.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The layer's paginators against the stub: every item once across pages (also while backups are deleted
 * between pages), lazily, each page the query with the marker of the last item, counted in the journal.
 */
class LayerPaginatorsTest {

    private static final Duration BACKUP = Duration.ofSeconds(10);
    private static final Duration DELETE = Duration.ofSeconds(2);

    private final LayerStub stub = new LayerStub(options -> options.withBackupDuration(BACKUP).withDeleteDuration(DELETE));
    private final Csbs csbs = stub.csbs(Retries.none(), Waiting.standard());
    private final List<UUID> checkpoints = new ArrayList<>();

    @BeforeEach
    void fiveExecutionsOfTwoBackupsEach() throws Exception {
        for (int i = 0; i < 5; i++) {
            checkpoints.add(stub.execute(csbs, DAILY));
            stub.clock.add(Duration.ofSeconds(1));   // distinct created_at: a stable order
        }
        stub.clock.add(BACKUP);   // all available, so that they may be deleted
        stub.control.journal().clear();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void iteratesEveryBackupOnceAcrossPagesFollowingTheMarker() throws Exception {
        List<String> all = csbs.backups().listBackups(PROJECT_ID).execute().getCheckpointItems().stream()
                .map(CheckpointItem::getId).toList();
        stub.control.journal().clear();

        List<String> paged = csbs.allBackups(PROJECT_ID).withPageSize(3).stream().map(CheckpointItem::getId).toList();

        assertThat(all).hasSize(10);
        assertThat(paged).containsExactlyElementsOf(all);
        // 3 + 3 + 3 + 1: four requests, the last page without a next link.
        List<RecordedRequest> pages = stub.requests(listBackups());
        assertThat(pages).hasSize(4);
        assertThat(pages.get(0).queryParameter("marker")).isEmpty();
        for (int page = 1; page < 4; page++) {
            assertThat(pages.get(page).queryParameter("marker")).hasValue(all.get(3 * page - 1));
            assertThat(pages.get(page).queryParameter("limit")).hasValue("3");
        }
    }

    @Test
    void keepsTheCallersFiltersAndUsesOffsetOnTheFirstPageOnly() throws Exception {
        List<String> paged = csbs.allBackups(PROJECT_ID, query -> query.sort("created_at:asc").offset(2).status("available"))
                .withPageSize(4).stream().map(CheckpointItem::getId).toList();

        List<String> expected = csbs.backups().listBackups(PROJECT_ID).sort("created_at:asc").execute()
                .getCheckpointItems().stream().map(CheckpointItem::getId).skip(2).toList();
        assertThat(paged).containsExactlyElementsOf(expected).hasSize(8);
        List<RecordedRequest> pages = stub.requests(listBackups()).subList(0, 2);
        assertThat(pages).allSatisfy(page -> {
            assertThat(page.queryParameter("sort")).hasValue("created_at:asc");
            assertThat(page.queryParameter("status")).hasValue("available");
        });
        assertThat(pages.get(0).queryParameter("offset")).hasValue("2");
        assertThat(pages.get(1).queryParameter("offset")).isEmpty();
    }

    @Test
    void seesEveryBackupOnceWhileTheBackupsAlreadySeenAreDeleted() throws Exception {
        List<String> before = csbs.allBackups(PROJECT_ID).toList().stream().map(CheckpointItem::getId).toList();
        List<String> seen = new ArrayList<>();

        for (CheckpointItem backup : csbs.allBackups(PROJECT_ID).withPageSize(3)) {
            seen.add(backup.getId());
            // Delete each backup once seen (the next page's marker among them), and let the deletion finish.
            csbs.backups().deleteBackup(PROJECT_ID, Csbs.PROVIDER_ID, UUID.fromString(backup.getCheckpointId()),
                    List.of(UUID.fromString(backup.getId())));
            stub.clock.add(DELETE);
        }

        assertThat(seen).containsExactlyElementsOf(before);
        assertThat(csbs.allBackups(PROJECT_ID).toList()).isEmpty();
    }

    @Test
    void sendsNoRequestBeforeTheCallerAsksAndOneRequestPerPage() throws Exception {
        Paginated<CheckpointItem> backups = csbs.allBackups(PROJECT_ID, query -> query.status("available")).withPageSize(4);
        assertThat(stub.requests(listBackups())).isEmpty();

        Iterator<CheckpointItem> items = backups.iterator();
        assertThat(stub.requests(listBackups())).isEmpty();

        assertThat(items.hasNext()).isTrue();
        assertThat(stub.requests(listBackups())).hasSize(1);
        for (int i = 0; i < 4; i++) {
            items.next();
        }
        assertThat(stub.requests(listBackups())).hasSize(1);   // the first page, used up, and no more yet
        items.next();
        assertThat(stub.requests(listBackups())).hasSize(2);

        // A stream's findFirst reads the first page only.
        assertThat(csbs.allBackups(PROJECT_ID).withPageSize(2).stream().findFirst()).isPresent();
        assertThat(stub.requests(listBackups())).hasSize(3);
    }

    @Test
    void iteratesEveryPolicyThatMatchesAcrossPages() throws Exception {
        for (int i = 0; i < 5; i++) {
            stub.control.setup().putPolicy(PROJECT_ID, new Policy(UUID.randomUUID().toString(), "paged-" + i, List.of(
                    new ProtectedResource(UUID.randomUUID().toString(), "server-" + i))));
        }
        int total = csbs.policies().listBackupPolicies(PROJECT_ID).execute().getPolicies().size();
        stub.control.journal().clear();

        List<PolicyResp> all = csbs.allPolicies(PROJECT_ID).withPageSize(2).toList();
        List<PolicyResp> named = csbs.allPolicies(PROJECT_ID, query -> query.name("paged-3")).withPageSize(2).toList();

        assertThat(all).hasSize(total).extracting(PolicyResp::getId).doesNotHaveDuplicates();
        assertThat(all).extracting(PolicyResp::getName).contains("paged-0", "paged-1", "paged-2", "paged-3", "paged-4");
        assertThat(named).extracting(PolicyResp::getName).containsExactly("paged-3");
        assertThat(stub.requests(listPolicies())).hasSize((total + 1) / 2 + 1);
    }
}
