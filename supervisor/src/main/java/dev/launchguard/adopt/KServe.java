package dev.launchguard.adopt;

/**
 * A KServe v2 (Open Inference Protocol) server: {@code /v2/health/live} answered 200; ready may be 503
 * while the model loads.
 */
public record KServe(int liveStatus, int readyStatus, String why) {
}
