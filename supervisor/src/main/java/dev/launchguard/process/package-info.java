/**
 * The operating system's process table through oshi and JNA (their only user): tagged processes, port
 * owners, state/CPU/memory samples, signals by kill(2), zombies and waitpid. Must not import
 * {@code engine}, {@code supervisor} or {@code launchctl}.
 */
package dev.launchguard.process;
