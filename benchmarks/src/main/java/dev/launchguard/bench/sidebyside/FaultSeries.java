package dev.launchguard.bench.sidebyside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The trials of one tool, one target and one fault: fault → healthy for each trial that healed
 * within the bound, the instances started during each trial, and the tool's resident memory.
 *
 * @param attempted trials run (fewer than asked when the series gave up on a target that never got healthy)
 * @param recoveries fault → healthy of each healed trial, in order
 * @param starts instances started from the fault to healthy (or to the bound), per trial
 * @param rssIdleKib the tool's VmRSS supervising the healthy target before the first fault
 * @param rssBusyKib the largest VmRSS seen right after a recovery (or at the bound)
 */
record FaultSeries(String tool, String target, String fault, int asked, int attempted, List<Duration> recoveries,
        List<Integer> starts, long rssIdleKib, long rssBusyKib, List<String> notes) {

    FaultSeries {
        recoveries = List.copyOf(recoveries);
        starts = List.copyOf(starts);
        notes = List.copyOf(notes);
    }

    FaultSeries withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new FaultSeries(tool, target, fault, asked, attempted, recoveries, starts, rssIdleKib, rssBusyKib, more);
    }

    int healed() {
        return recoveries.size();
    }
}
