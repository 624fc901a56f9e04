package io.ctkit.examples.receipts;

import io.ctkit.testkit.ScoringContainerTest;
import io.ctkit.testkit.ScoringEndpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The classifier's real scoring server: its scoring image in Docker when an engine answers, else the
 * same server in this JVM (AUTO; the test report says which ran). Every holdout receipt, sent over
 * HTTP, must get the class probabilities the bundle computes, and the server must keep the protocol
 * contract (both protocols, errors as 4xx with a message).
 */
@ScoringContainerTest(mode = ScoringContainerTest.Mode.AUTO)
class ReceiptServingTest {

    @Test
    void servesWhatTheBundleComputes(ScoringEndpoint endpoint) {
        endpoint.assertParity(Path.of("data/holdout.csv"));
        endpoint.assertProtocolContract();
    }
}
