package dev.launchguard.adopt;

import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.PlistException;
import dev.launchguard.plist.Plists;
import dev.launchguard.process.ProcessTable;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads every {@code *.plist} of a folder and joins each job with what the machine shows: whether it
 * runs (a {@link JobPresence}) and which TCP ports the process tree of its running instance listens
 * on. Reads only: no request is sent here, nothing is started or stopped.
 */
public final class Discovery {

    /** A job's process and its descendants, by PID. */
    public interface Trees {
        Set<Long> of(long pid);
    }

    private Discovery() {
    }

    /** The process trees of this machine, from the JDK's process handles. */
    public static Trees liveTrees() {
        return pid -> {
            Set<Long> tree = new HashSet<>();
            tree.add(pid);
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> tree.add(d.pid())));
            return tree;
        };
    }

    /**
     * Every plist of {@code folder}, sorted by label.
     *
     * @throws IllegalArgumentException when the folder does not exist or cannot be listed, naming it
     */
    public static List<DiscoveredJob> discover(Path folder, JobPresence presence, List<ProcessTable.Listener> listeners,
            Trees trees) {
        List<Path> files;
        try {
            files = Plists.list(folder); // as the embedded engine lists it
        } catch (PlistException e) {
            throw new IllegalArgumentException(e.getMessage() + " (give the folder of the plists with --plists DIR)", e);
        }
        Map<String, DiscoveredJob> jobs = new LinkedHashMap<>();
        for (Path file : files) {
            DiscoveredJob job = one(file, presence, listeners, trees);
            jobs.putIfAbsent(job.label(), job); // a second file with the same Label: the first, as launchd refuses the second
        }
        return jobs.values().stream().sorted(Comparator.comparing(DiscoveredJob::label)).toList();
    }

    private static DiscoveredJob one(Path file, JobPresence presence, List<ProcessTable.Listener> listeners, Trees trees) {
        LaunchdJob job;
        try {
            job = Plists.read(file);
        } catch (PlistException | UncheckedIOException e) {
            String name = file.getFileName().toString();
            return new DiscoveredJob(name.substring(0, name.length() - ".plist".length()), file, Optional.empty(),
                    Optional.of(e.getMessage()), new Seen.NotLoaded("its plist does not load"), List.of());
        }
        Seen seen = presence.of(job);
        List<DiscoveredJob.Port> ports = seen instanceof Seen.Running running
                ? ports(trees.of(running.pid()), listeners) : List.of();
        return new DiscoveredJob(job.label(), file, Optional.of(job), Optional.empty(), seen, ports);
    }

    /** The listening sockets of the tree, one per port (a port bound on IPv4 and IPv6 once), by port. */
    static List<DiscoveredJob.Port> ports(Set<Long> tree, List<ProcessTable.Listener> listeners) {
        Map<Integer, DiscoveredJob.Port> byPort = new TreeMap<>();
        for (ProcessTable.Listener l : listeners) {
            if (!tree.contains(l.pid())) {
                continue;
            }
            DiscoveredJob.Port port = new DiscoveredJob.Port(l.port(), l.pid(), loopback(l.address()),
                    l.address().getHostAddress());
            DiscoveredJob.Port before = byPort.get(l.port());
            if (before == null || before.ask().isEmpty() && port.ask().isPresent()) {
                byPort.put(l.port(), port);
            }
        }
        return new ArrayList<>(byPort.values());
    }

    /**
     * Where to ask a socket bound to {@code bound} from this machine: itself when it is loopback; the
     * IPv4 loopback for a wildcard (an IPv6 wildcard takes IPv4 too: IPV6_V6ONLY is off by default on
     * Linux and macOS); nothing for a socket bound to one other address.
     */
    static Optional<InetAddress> loopback(InetAddress bound) {
        if (bound.isLoopbackAddress()) {
            return Optional.of(bound);
        }
        if (bound.isAnyLocalAddress()) {
            return Optional.of(v4Loopback());
        }
        return Optional.empty();
    }

    private static InetAddress v4Loopback() {
        try {
            return Inet4Address.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
