/**
 * Named thread factories for launchguard's pools, so a thread dump says whose a thread is. Imports
 * nothing of launchguard's.
 */
package dev.launchguard.threads;
