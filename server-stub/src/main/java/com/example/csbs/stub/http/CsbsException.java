package com.example.csbs.stub.http;

import java.util.UUID;

/**
 * A documented CSBS error: the HTTP status and the {@code error_code}/{@code error_msg} body.
 * Thrown anywhere in the stub; {@link CsbsErrorMapper} turns it into the response.
 */
public final class CsbsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String challenge;

    public CsbsException(int status, String errorCode, String errorMsg) {
        this(status, errorCode, errorMsg, null);
    }

    private CsbsException(int status, String errorCode, String errorMsg, String challenge) {
        super(errorMsg, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.challenge = challenge;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMsg() {
        return getMessage();
    }

    /** The {@code WWW-Authenticate} value the answer carries, {@code null} for none. */
    public String challenge() {
        return challenge;
    }

    /** 400 CSBS.9001: the request fails parameter verification. */
    public static CsbsException invalidParameter(String detail) {
        return new CsbsException(400, "CSBS.9001", "Parameter verification failed: " + detail);
    }

    /** 400 CSBS.9001 with the page's own message for a provider_id other than the CSBS one. */
    public static CsbsException providerInvalid() {
        return new CsbsException(400, "CSBS.9001", "provider invalid");
    }

    /** 401: the API gateway's code for failed IAM authentication (the CSBS table has none). */
    public static CsbsException unauthenticated() {
        return new CsbsException(401, "APIGW.0301",
                "Incorrect IAM authentication information: the X-Auth-Token header is missing or not valid");
    }

    /**
     * 401 for the admin API without its token, when the stub has one: the gateway's code, as for a missing
     * X-Auth-Token, and the challenge a client needs to answer it.
     */
    public static CsbsException adminUnauthenticated() {
        return new CsbsException(401, "APIGW.0301",
                "Incorrect authentication information: the admin API needs Authorization: Bearer <admin token>",
                "Bearer realm=\"csbs-stub-admin\"");
    }

    /** 403 CSBS.9009: the token belongs to another project. The path's project_id is not echoed. */
    public static CsbsException noPermission() {
        return new CsbsException(403, "CSBS.9009",
                "No operation permission: the token is not scoped to the project in the path");
    }

    /** 404 CSBS.3000 with the page's own message. */
    public static CsbsException planNotFound() {
        return new CsbsException(404, "CSBS.3000", "plan not found");
    }

    /** 404 CSBS.3000 for a backup policy that does not exist in the project (the table's "plan not found"). */
    public static CsbsException policyNotFound() {
        return planNotFound();
    }

    /** 404 CSBS.3001 with the table's message, for a backup (checkpoint item) or backup record that does not exist. */
    public static CsbsException backupNotFound(UUID id) {
        return new CsbsException(404, "CSBS.3001", "Checkpoint_item (" + id + ") is not found.");
    }

    /** 400 CSBS.2003: the backup is still being created, or already being deleted. */
    public static CsbsException itemInExecuting(UUID id, String status) {
        return new CsbsException(400, "CSBS.2003", "item in executing: backup " + id + " is " + status);
    }

    /** 500 CSBS.1001 with the table's message: a manual backup of the policy is still running. */
    public static CsbsException policyExecuting() {
        return new CsbsException(500, "CSBS.1001", "The policy is executing backup.");
    }

    /** 500 CSBS.6030 with the table's message: an automatic backup of the policy is still running. */
    public static CsbsException autoPlanExecuting() {
        return new CsbsException(500, "CSBS.6030", "auto plan executing");
    }

    /** 500 CSBS.6032 with the table's message: the policy has no server to back up. */
    public static CsbsException planHasNoResource() {
        return new CsbsException(500, "CSBS.6032", "plan has no resource backup");
    }

    /** 400 CSBS.4000 with the table's message: restoring from a backup that is not available. */
    public static CsbsException checkpointItemNotAvailable(UUID id, String status) {
        return new CsbsException(400, "CSBS.4000", "checkpoint item not available: backup " + id + " is " + status);
    }

    /** 400 CSBS.9006 with the table's message: a quota (backups, backup_capacity) would be exceeded. */
    public static CsbsException quotaExceeded(String quota) {
        return new CsbsException(400, "CSBS.9006", "Quota exceeded for resources: " + quota);
    }

    /** 400 CSBS.0001 with the table's message: the project has as many backup policies as it may. */
    public static CsbsException policyLimitReached() {
        return new CsbsException(400, "CSBS.0001", "Service over limit");
    }

    /** 400 CSBS.9007 with the table's message: another policy of the project has the name. */
    public static CsbsException duplicatePolicyName() {
        return new CsbsException(400, "CSBS.9007", "duplicate service name");
    }

    /** 400 CSBS.6004 with the table's message: the server is in another backup policy already. */
    public static CsbsException serverInService(String serverId) {
        return new CsbsException(400, "CSBS.6004", "Server (" + serverId + ") is already in service.");
    }

    /** 400 CSBS.7000 with the table's message: the resource would have more tags than it may. */
    public static CsbsException tagsOverLimit(int max) {
        return new CsbsException(400, "CSBS.7000", "request tags exceed the max allowed count: " + max + ".");
    }

    /** 404 CSBS.7001 with the table's message: the tag to be removed does not exist. */
    public static CsbsException tagNotFound() {
        return new CsbsException(404, "CSBS.7001", "The backup tag does not exist.");
    }

    /** 400 CSBS.6003 with the table's message: only servers can be backed up. */
    public static CsbsException typeNotProtectable(String resourceId, String type) {
        return new CsbsException(400, "CSBS.6003", "Resource (" + resourceId + ") type (" + type + ") is not support protection.");
    }

    /** 400 CSBS.6013 with the table's message: only servers can be restored to. */
    public static CsbsException typeNotRestorable(String resourceId, String type) {
        return new CsbsException(400, "CSBS.6013", "Resource (" + resourceId + ") type (" + type + ") is not support restoration.");
    }

    /** 400 CSBS.6017 with the table's message: a volume mapping names a disk backup the backup does not have. */
    public static CsbsException diskBackupsNotInBackup(String diskBackupIds, UUID backupId) {
        return new CsbsException(400, "CSBS.6017",
                "Can not find backup(s) (" + diskBackupIds + ") in checkpoint item (" + backupId + ").");
    }

    /** 400 CSBS.6018 with the table's message: every disk backup of the backup must be mapped to a disk. */
    public static CsbsException partialRestore(String diskBackupIds) {
        return new CsbsException(400, "CSBS.6018",
                "Not assign backup(s) (" + diskBackupIds + ") to volume(s), partial restore is not supported.");
    }

    /** 400 with the code and message a server's refusal carries (set in the data set or at run time). */
    public static CsbsException refused(String errorCode, String errorMsg) {
        return new CsbsException(400, errorCode, errorMsg);
    }

    /** 403 CSBS.9009: all_tenants asked for with a token that is not an administrator's. */
    public static CsbsException allTenantsForbidden() {
        return new CsbsException(403, "CSBS.9009",
                "No operation permission: only an administrator's token may query all tenants");
    }

    /** 413 CSBS.9001: the body is over the spec's limit. */
    public static CsbsException bodyTooLarge(int maxBytes) {
        return new CsbsException(413, "CSBS.9001",
                "Parameter verification failed: the request body is larger than " + maxBytes + " bytes");
    }

    /** 500 CSBS.9999 ("%s failed" in the error-code table). */
    public static CsbsException internalError() {
        return new CsbsException(500, "CSBS.9999", "executing backup policy failed");
    }

    /** 503 CSBS.9998, the table's "Service unavailable" code. */
    public static CsbsException serviceUnavailable() {
        return new CsbsException(503, "CSBS.9998", "System not support");
    }
}
