/**
 * launchd plists: read (with limits, before dd-plist sees a byte), written, linted, explained and
 * generated as {@code LaunchdJob}. The only user of dd-plist. Must not import {@code engine},
 * {@code launchctl}, {@code supervisor} or {@code config}.
 */
package dev.launchguard.plist;
