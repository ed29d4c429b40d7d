/**
 * Adopting an existing launchd fleet: discovery, port survey, probe proposals, the written
 * launchguard.yaml. The port survey asks a listening loopback port what it is with GET only (one tiny
 * inference POST only when the operator allows it); the proposer turns its findings into probes with
 * the reason for every choice. Must not import {@code supervisor}, {@code engine}, {@code api} or
 * {@code cli}.
 */
package dev.launchguard.adopt;
