package io.labelstream.devstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreePortsTest {

    @Test
    void aRunOfPortsLiesBelowTheEphemeralRangeAndCanBeBound() throws IOException {
        int first = FreePorts.run(7);

        assertTrue(first >= 20000 && first + 7 <= 32768, "ports " + first + ".." + (first + 6));
        for (int port = first; port < first + 7; port++) {
            try (ServerSocket bound = new ServerSocket(port)) {
                assertEquals(port, bound.getLocalPort());
            }
        }
    }

    @Test
    void noPortIsHandedOutTwiceBeforeItIsBound() throws IOException {
        Set<Integer> handedOut = new HashSet<>();
        for (int run = 0; run < 300; run++) {
            int first = FreePorts.run(3);
            for (int port = first; port < first + 3; port++) {
                assertTrue(handedOut.add(port), "port " + port + " handed out twice");
            }
        }
    }
}
