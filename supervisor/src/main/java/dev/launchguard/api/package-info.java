/**
 * The HTTP API and status page on Netty: bind and shutdown, the pipeline, one handler per concern
 * (host policy, token, connection limit, request deadline), routing as plain Java over the fleet read
 * model, the token and runtime files. Reads the supervisor through {@code FleetView}; must not import
 * {@code engine}, {@code launchctl}, {@code cli}, {@code chaos} or {@code daemon}.
 */
package dev.launchguard.api;
