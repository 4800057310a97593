package com.example.csbs.stub.backup;

import com.example.csbs.stub.api.QuotaApi;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.CurrentDataSet;
import com.example.csbs.stub.model.ListQuotasResponse;
import com.example.csbs.stub.model.QuotaResources;
import com.example.csbs.stub.model.QuotaResp;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Supplier;

/**
 * "Querying Quotas" (tag {@code quota}): the limits from the data set (or the run-time setup; {@code -1}, no
 * restriction, by default), {@code used} from the store: the project's backups that exist (until a deleted one
 * is gone) and their sizes, rounded up to whole GB.
 */
@Singleton
public class QuotaResource implements QuotaApi {

    private final Supplier<BackupDataSet> dataSets;
    private final BackupStore store;

    @Inject
    public QuotaResource(CurrentDataSet dataSets, BackupStore store) {
        this.dataSets = dataSets;
        this.store = store;
    }

    @Override
    public ListQuotasResponse listQuotas(String projectId) {
        BackupDataSet.Quotas quotas = BackupResource.quotas(dataSets.get(), projectId);
        BackupStore.Usage used = store.usage(projectId);
        return new ListQuotasResponse().quotas(new QuotaResp().resources(List.of(
                new QuotaResources().type(QuotaResources.TypeEnum.BACKUP_CAPACITY).unit("GB")
                        .quota(quotas.backupCapacity()).used(used.capacityGb()),
                new QuotaResources().type(QuotaResources.TypeEnum.BACKUPS)
                        .quota(quotas.backups()).used(used.backups()))));
    }
}
