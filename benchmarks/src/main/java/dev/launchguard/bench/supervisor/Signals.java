package dev.launchguard.bench.supervisor;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * kill(2) straight from libc through JNA, so a benchmark's fault time is the moment of the system
 * call, not that plus the fork and exec of a {@code kill} command.
 */
public final class Signals {

    private interface LibC extends Library {
        int kill(int pid, int signal);
    }

    private static final LibC C = Native.load("c", LibC.class);
    private static final boolean MAC = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("mac");
    public static final int SIGKILL = 9;
    public static final int SIGSTOP = MAC ? 17 : 19;

    private Signals() {
    }

    public static void send(long pid, int signal) {
        if (C.kill((int) pid, signal) != 0) {
            throw new IllegalStateException("process '" + pid + "' cannot be sent signal " + signal + ": errno "
                    + Native.getLastError());
        }
    }
}
