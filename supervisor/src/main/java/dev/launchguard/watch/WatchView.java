package dev.launchguard.watch;

import dev.launchguard.drift.DriftReport;
import dev.launchguard.strays.StrayReport;
import dev.launchguard.uptime.UptimeReport;

/** What the HTTP API may read of the watchers running inside launchguard: each one's latest results. */
public interface WatchView {

    WatchState<DriftReport> drift();

    WatchState<UptimeReport> uptime();

    WatchState<StrayReport> strays();

    /** No watcher configured: what an API without watchers (tests, tools) answers. */
    WatchView NONE = new WatchView() {
        @Override
        public WatchState<DriftReport> drift() {
            return WatchState.off();
        }

        @Override
        public WatchState<UptimeReport> uptime() {
            return WatchState.off();
        }

        @Override
        public WatchState<StrayReport> strays() {
            return WatchState.off();
        }
    };
}
