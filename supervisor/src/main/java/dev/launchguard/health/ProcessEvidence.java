package dev.launchguard.health;

import java.util.Optional;

/** Reads a process's state, CPU time and memory from the process table: the evidence for a verdict. */
public interface ProcessEvidence {

    /** The process now, or empty when it no longer exists. */
    Optional<ProcessSample> sample(long pid);
}
