package com.example.csbs.stub.admin;

import com.example.csbs.stub.admin.api.JournalApi;
import com.example.csbs.stub.admin.model.Journal;
import com.example.csbs.stub.admin.model.ValidationMessage;
import com.example.csbs.stub.journal.ContractVerdict;
import com.example.csbs.stub.journal.RecordedRequest;
import com.example.csbs.stub.journal.StubJournal;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.format.DateTimeFormatter;

/** The request journal over HTTP (tag {@code journal} of the admin API): the same journal tests get in-process. */
@Singleton
public class JournalResource implements JournalApi {

    private final StubJournal journal;

    @Inject
    public JournalResource(StubJournal journal) {
        this.journal = journal;
    }

    @Override
    public Journal listRequests(Boolean valid, Long since, String projectId) {
        return new Journal()
                .capacity(journal.options().size())
                .bodyLimit(journal.options().bodyLimit())
                .recorded(journal.recorded())
                .dropped(journal.dropped())
                .requests(journal.requestsSince(since == null ? 0 : since).stream()
                        .filter(request -> projectId == null || request.isForProject(projectId))
                        .filter(request -> valid == null || request.contract().result()
                                == (valid ? ContractVerdict.Result.VALID : ContractVerdict.Result.INVALID))
                        .map(JournalResource::entry)
                        .toList());
    }

    @Override
    public void clearRequests(String projectId) {
        if (projectId == null) {
            journal.clear();
        } else {
            journal.clear(projectId);
        }
    }

    private static com.example.csbs.stub.admin.model.RecordedRequest entry(RecordedRequest request) {
        ContractVerdict verdict = request.contract();
        return new com.example.csbs.stub.admin.model.RecordedRequest()
                .id(request.id())
                .receivedAt(DateTimeFormatter.ISO_INSTANT.format(request.receivedAt()))
                .method(request.method())
                .path(request.path())
                .query(request.query())
                .headers(request.headers())
                .body(request.body())
                .bodyTruncated(request.bodyTruncated())
                .status(request.status())
                .valid(verdict.result() == ContractVerdict.Result.NOT_CHECKED ? null
                        : verdict.result() == ContractVerdict.Result.VALID)
                .messages(verdict.messages().stream()
                        .map(message -> new ValidationMessage()
                                .level(ValidationMessage.LevelEnum.fromValue(message.level()))
                                .key(message.key())
                                .message(message.message()))
                        .toList());
    }
}
