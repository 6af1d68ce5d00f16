package io.labelstream.devstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Free ports for processes started on this machine, chosen below the kernel's ephemeral range (32768 and up by
 * default). A port the system hands out ({@code new ServerSocket(0)}) lies in that range, where any outgoing
 * connection may take it between the choice and the process's bind, and a process that starts seconds later
 * finds it in use. Below the range only listeners bind, and a port chosen here is remembered, so that no two
 * processes of one JVM's choosing are given the same one before either has bound it.
 */
public final class FreePorts {

    private static final int LOWEST = 20000;
    private static final int EPHEMERAL_START = 32768;
    private static final Random RANDOM = new Random();
    private static final Set<Integer> CHOSEN = new HashSet<>();

    private FreePorts() {
    }

    /** One free port. */
    public static int one() throws IOException {
        return run(1);
    }

    /** The first of {@code length} consecutive free ports (a broker and its controller, a stack's services). */
    public static synchronized int run(int length) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = LOWEST + RANDOM.nextInt(EPHEMERAL_START - LOWEST - length);
            boolean free = true;
            for (int port = first; port < first + length && free; port++) {
                free = !CHOSEN.contains(port) && bindable(port);
            }
            if (free) {
                for (int port = first; port < first + length; port++) {
                    CHOSEN.add(port);
                }
                return first;
            }
        }
        throw new IOException("no run of " + length + " free ports found between " + LOWEST + " and " + EPHEMERAL_START);
    }

    private static boolean bindable(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
