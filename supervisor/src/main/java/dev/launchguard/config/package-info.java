/**
 * {@code launchguard.yaml} read into immutable records, validated in their constructors, defaults in
 * one place, unknown keys refused with a did-you-mean; capacity limits. The only user of Jackson
 * YAML. Holds no runtime state; must not import {@code supervisor}, {@code engine}, {@code api} or
 * anything that runs.
 */
package dev.launchguard.config;
