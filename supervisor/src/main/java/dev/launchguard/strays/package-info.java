/**
 * Strays: each job's orphans and squatters found once per cycle from the fleet's own view and the
 * process table, with the doctor's {@code Diagnosis}, and the orphans reaped when that is on
 * ({@link dev.launchguard.strays.StrayWatch}, {@link dev.launchguard.strays.StrayReport}). It must not
 * import {@code watch} (which schedules it), {@code supervisor}, {@code api}, {@code cli}, {@code drift}
 * or {@code uptime}.
 */
package dev.launchguard.strays;
