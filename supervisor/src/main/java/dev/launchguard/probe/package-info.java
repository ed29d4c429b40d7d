/**
 * HTTP(S) and TCP probes on Netty, one deadline per attempt, an outcome rather than an exception for
 * a failing target; the probe roles. Must not import {@code supervisor}, {@code health} or
 * {@code config}.
 */
package dev.launchguard.probe;
