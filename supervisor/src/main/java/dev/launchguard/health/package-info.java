/**
 * The health state table (an enum and its allowed moves), process evidence, and the wedge judge: pure
 * functions from probe counts and process samples to a {@code WedgeVerdict}. Must not import
 * {@code supervisor}, {@code probe} or anything that does I/O.
 */
package dev.launchguard.health;
