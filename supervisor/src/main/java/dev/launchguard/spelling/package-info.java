/**
 * Did-you-mean suggestions for plist and configuration keys. Imports nothing of launchguard's.
 */
package dev.launchguard.spelling;
