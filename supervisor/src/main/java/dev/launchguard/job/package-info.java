/**
 * The {@code JobManager} seam between "what should run" and "who runs it" (launchd or the embedded
 * engine), the records it speaks ({@code JobStatus}, {@code Termination}, {@code Teardown}) and the
 * spawn and exit events both managers report ({@code JobEvents}). The floor under every manager:
 * imports nothing of launchguard's.
 */
package dev.launchguard.job;
