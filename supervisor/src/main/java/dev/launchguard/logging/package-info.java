/**
 * The log format and levels, set up in code; one-line rendering of untrusted text. The only user of
 * logback. Imports nothing of launchguard's.
 */
package dev.launchguard.logging;
