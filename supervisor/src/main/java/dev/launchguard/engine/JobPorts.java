package dev.launchguard.engine;

import dev.launchguard.plist.LaunchdJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which TCP/UDP ports a job serves, so bootout can prove them free and strays can name squatters.
 * launchd has no such key (its Sockets key means launchd owns the socket, which the engine does not
 * emulate), so the ports come from the optional plist key {@value #PLIST_KEY} (an array of integers,
 * which launchd ignores as an unknown key) and from the map the engine was built with.
 */
final class JobPorts {

    /** The plist key listing a job's ports. */
    static final String PLIST_KEY = LaunchdJob.PORTS_KEY;

    private final Map<String, List<Integer>> configured;

    JobPorts(Map<String, List<Integer>> configured) {
        this.configured = Map.copyOf(configured);
    }

    /** The job's ports, sorted, from both sources. */
    List<Integer> of(LaunchdJob job) {
        TreeSet<Integer> ports = new TreeSet<>(configured.getOrDefault(job.label(), List.of()));
        Object fromPlist = job.extraKeys().get(PLIST_KEY);
        if (fromPlist instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Number n) || n.longValue() < 1 || n.longValue() > 65535) {
                    throw new IllegalArgumentException("job '" + job.label() + "' " + PLIST_KEY + ": " + item
                            + " is not a port number (1-65535)");
                }
                ports.add(n.intValue());
            }
        } else if (fromPlist != null) {
            throw new IllegalArgumentException("job '" + job.label() + "' " + PLIST_KEY
                    + " must be an array of integers, got " + fromPlist.getClass().getSimpleName());
        }
        return new ArrayList<>(ports);
    }
}
