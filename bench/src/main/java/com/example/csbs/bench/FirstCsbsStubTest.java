package com.example.csbs.bench;

import com.example.csbs.stub.journal.ContractVerdict;
import com.example.csbs.stub.journal.RecordedRequest;
import com.example.csbs.stub.journal.StubJournal;
import com.example.csbs.stub.junit.CsbsStub;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A consumer's first test with the stub, as the README's JUnit section writes one: {@code @CsbsStub}
 * with its defaults (a stub for the class, the contract checked after each test). It sends the
 * documented POST, expects 200, and asks the journal for the contract's verdict on it (the first
 * verdict of the JVM: the validator is built for it). Run by {@link ConsumerStartBenchmark}.
 */
@CsbsStub
public class FirstCsbsStubTest {

    @Test
    void documentedPost(URI csbs, StubJournal journal) throws Exception {
        int status = DocumentedPost.send(csbs.toString());
        if (status != 200) {
            throw new AssertionError("the stub answered the documented POST " + status);
        }
        journal.verifyContract();
        List<RecordedRequest> requests = journal.requests();
        if (requests.size() != 1 || requests.get(0).contract().result() != ContractVerdict.Result.VALID) {
            throw new AssertionError("expected one request with the verdict VALID, the journal holds " + requests);
        }
    }
}
