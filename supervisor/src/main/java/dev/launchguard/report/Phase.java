package dev.launchguard.report;

/**
 * The parts of one respawn, in the order they happen, as launchguard measures them (see
 * docs/architecture.md, "Respawn latency"); {@link #key()} is the field name in {@code phasesMs}.
 */
public enum Phase {
    DETECTION("detection", "detection"),
    KILL("kill", "kill"),
    SPAWN_WAIT("spawnWait", "spawn wait"),
    START_TO_PORT("startToPort", "start → port"),
    PORT_TO_READY("portToReady", "port → ready");

    private final String key;
    private final String title;

    Phase(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** The field name in a chaos event's {@code phasesMs}. */
    public String key() {
        return key;
    }

    /** How a table or legend names the phase. */
    public String title() {
        return title;
    }
}
