package dev.launchguard.adopt;

import dev.launchguard.plist.LaunchdJob;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One plist of the folder and what the machine shows of it.
 *
 * @param job the parsed plist; empty when it does not parse ({@code unreadable} says why)
 * @param label the plist's Label, or the file name without {@code .plist} when it does not parse
 * @param ports the TCP ports its process tree listens on, each with the loopback address to ask
 */
public record DiscoveredJob(String label, Path plist, Optional<LaunchdJob> job, Optional<String> unreadable, Seen seen,
        List<Port> ports) {

    public DiscoveredJob {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(plist, "plist");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(unreadable, "unreadable");
        Objects.requireNonNull(seen, "seen");
        ports = List.copyOf(ports);
    }

    /**
     * A listening socket of the job's tree.
     *
     * @param ask the loopback address discovery asks it on; empty when it listens on no loopback
     *     address (a specific LAN address), and then it is not asked
     * @param bound the address it is bound to, as the OS shows it
     */
    public record Port(int port, long pid, Optional<InetAddress> ask, String bound) {
        public Port {
            Objects.requireNonNull(ask, "ask");
            Objects.requireNonNull(bound, "bound");
        }
    }
}
