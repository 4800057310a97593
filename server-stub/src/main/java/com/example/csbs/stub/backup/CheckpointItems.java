package com.example.csbs.stub.backup;

import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.http.Timestamps;
import com.example.csbs.stub.model.BackupData;
import com.example.csbs.stub.model.CheckpointItem;
import com.example.csbs.stub.model.CheckpointItemExtendInfo;
import com.example.csbs.stub.model.FailCode;
import com.example.csbs.stub.model.VolumeBackup;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A backup as the pages show one (checkpoint_item), filled plausibly from its resource and its state; also the
 * {@code resource_detail} of a backup found by tag.
 */
public final class CheckpointItems {


    private static final int AVERAGE_SPEED_KB_S = 20_480;
    private static final int MAX_KEPT_VOLUME_IDS = 100_000;
    private static final Map<String, String> SYSTEM_VOLUME_IDS = new ConcurrentHashMap<>();

    private CheckpointItems() {
    }

    public static CheckpointItem of(BackupView view) {
        Backup backup = view.backup();
        BackupDataSet.ProtectedResource resource = backup.resource();
        boolean failed = view.state().finishedAt() != null && backup.outcome().isError();
        // A failed restore leaves the backup available, with the restore's failure in extend_info.
        BackupOutcome failure = failed ? backup.outcome() : view.restoreFailed();
        int sizeMb = view.sizeMb();
        return new CheckpointItem()
                .id(backup.id().toString())
                .checkpointId(backup.checkpointId().toString())
                .name(backup.name())
                .description(backup.description())
                .status(CheckpointItem.StatusEnum.fromValue(view.status().value()))
                .createdAt(Timestamps.format(backup.createdAt()))
                .updatedAt(Timestamps.format(view.updatedAt()))
                .resourceId(resource.id())
                .resourceType(resource.type())
                .tags(view.tags())
                .backupData(new BackupData()
                        .openstackRegionName(resource.az())
                        .cloudservicetype(BackupData.CloudservicetypeEnum.SERVER)
                        .disk(resource.disk())
                        .imagetype(BackupData.ImagetypeEnum.GOLD)
                        .ram(resource.ram())
                        .vcpus(resource.vcpus())
                        .eip(resource.eip())
                        .privateIp(resource.privateIp()))
                .extendInfo(new CheckpointItemExtendInfo()
                        .autoTrigger(backup.autoTrigger())
                        .averageSpeed(view.status() == BackupStatus.WAITING_PROTECT ? 0 : AVERAGE_SPEED_KB_S)
                        .copyFrom("")
                        .copyStatus(CheckpointItemExtendInfo.CopyStatusEnum.NA)
                        .failCode(failure != null ? new FailCode().code(String.valueOf(failure.failCode()))
                                .description(failure.failReason()) : new FailCode())
                        .failOp(failed ? CheckpointItemExtendInfo.FailOpEnum.BACKUP
                                : failure != null ? CheckpointItemExtendInfo.FailOpEnum.RESTORE
                                : CheckpointItemExtendInfo.FailOpEnum.EMPTY)
                        .failReason(failure != null ? failure.failReason() : "")
                        .imageType(BackupFilter.IMAGE_TYPE)
                        .incremental(false)
                        .progress(view.progress())
                        .resourceAz(resource.az())
                        .resourceName(resource.name())
                        .resourceType(resource.type())
                        .size(sizeMb)
                        .spaceSavingRatio(0)
                        .volumeBackups(List.of(systemVolume(view, sizeMb, failed)))
                        .finishedAt(Timestamps.format(view.finishedAt()))
                        .supportedRestoreMode(CheckpointItemExtendInfo.SupportedRestoreModeEnum.BACKUP)
                        .osImagesData(List.of())
                        .supportLld(false)
                        .taskid(backup.taskId().toString())
                        .hypervisorType(CheckpointItemExtendInfo.HypervisorTypeEnum.QEMU));
    }

    /** The IDs of a backup's disk backups (its {@code volume_backups}), which a restore must map to disks. */
    static List<String> diskBackupIds(Backup backup) {
        return List.of(backup.diskBackupId().toString());
    }

    // The server's system disk: IDs derived from the backup's and the resource's, so that they are stable.
    private static VolumeBackup systemVolume(BackupView view, int sizeMb, boolean failed) {
        Backup backup = view.backup();
        BackupDataSet.ProtectedResource resource = backup.resource();
        String status = failed ? "error" : view.finishedAt() != null ? "available" : "creating";
        return new VolumeBackup()
                .id(diskBackupIds(backup).get(0))
                .name(backup.name())
                .status(status)
                .bootable(true)
                .averageSpeed(0)
                .incremental(false)
                .imageType(VolumeBackup.ImageTypeEnum.BACKUP)
                .size(sizeMb)
                .spaceSavingRatio(0)
                .sourceVolumeId(systemVolumeId(resource.id()))
                .sourceVolumeName(resource.name() + "-system")
                .sourceVolumeSize(resource.disk())
                .snapshotId(backup.snapshotId().toString());
    }

    // A resource's system disk, derived from the resource's ID (name-based, so the same in every answer) and
    // kept for the resources seen, which the data set and the admin API bound: a page of 1,000 backups would
    // otherwise derive it a thousand times.
    private static String systemVolumeId(String resourceId) {
        String known = SYSTEM_VOLUME_IDS.get(resourceId);
        if (known != null) {
            return known;
        }
        String id = UUID.nameUUIDFromBytes(("volume:" + resourceId).getBytes(StandardCharsets.UTF_8)).toString();
        if (SYSTEM_VOLUME_IDS.size() < MAX_KEPT_VOLUME_IDS) {
            SYSTEM_VOLUME_IDS.put(resourceId, id);
        }
        return id;
    }
}
