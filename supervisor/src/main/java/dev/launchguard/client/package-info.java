/**
 * The client side of a running launchguard's HTTP API: {@link dev.launchguard.client.ApiClient}
 * (loopback only, the token file, a pinned certificate for HTTPS), where to find the instance
 * ({@link dev.launchguard.client.ApiTarget}) and the fleet as the API reports it. The CLI's commands
 * and the chaos campaign both use it; it must not import {@code cli} or {@code chaos}, and picocli
 * never enters here.
 */
package dev.launchguard.client;
