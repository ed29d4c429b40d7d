package dev.launchguard.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The libc calls launchguard makes through JNA, the one native binding it keeps outside oshi:
 * {@code waitpid(2)} for {@link Zombies} and {@code kill(2)} for {@link Signals}.
 */
interface LibC extends Library {

    /** errno: not permitted (another user's process). The same value on Linux and macOS. */
    int EPERM = 1;
    /** errno: no such process. The same value on Linux and macOS. */
    int ESRCH = 3;

    int waitpid(int pid, int[] status, int options);

    /** kill(2); a failure throws with errno as {@link LastErrorException#getErrorCode()}. */
    int kill(int pid, int signal) throws LastErrorException;

    /** libc, loaded on first use. */
    static LibC get() {
        return Holder.LIBC;
    }

    /** Loads libc once, when a signal is first sent or a zombie first reaped. */
    final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);

        private Holder() {
        }
    }
}
