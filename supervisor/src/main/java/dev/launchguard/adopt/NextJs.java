package dev.launchguard.adopt;

import java.util.Optional;

/**
 * A Next.js site, by the header or marker that said so, and a health route when one answered 200.
 *
 * @param evidence e.g. {@code x-powered-by: Next.js}
 * @param healthPath e.g. {@code /api/health}
 */
public record NextJs(String evidence, Optional<String> healthPath) {
}
