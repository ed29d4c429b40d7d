/**
 * The one duration grammar of the configuration and the command line ({@code 500ms}, {@code 2m},
 * plain seconds, ISO-8601). Imports nothing of launchguard's.
 */
package dev.launchguard.duration;
