package dev.launchguard.chaos;

/**
 * The parts of one respawn, in the order they happen, as launchguard measures them (see
 * docs/architecture.md, "Respawn latency"); {@link #key()} is the field name in the API's and the
 * results' {@code phasesMs}.
 */
public enum RespawnPhase {
    DETECTION("detection", "detection"),
    KILL("kill", "kill"),
    SPAWN_WAIT("spawnWait", "spawn wait"),
    START_TO_PORT("startToPort", "start → port"),
    PORT_TO_READY("portToReady", "port → ready");

    private final String key;
    private final String title;

    RespawnPhase(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** The field name in {@code phasesMs}. */
    public String key() {
        return key;
    }

    /** How a table or legend names the phase. */
    public String title() {
        return title;
    }
}
