// What a user may change, in one place. Override from your own jsonnet:
//   (import 'launchguard/monitoring/mixin.libsonnet') + { _config+:: { launchguardSelector: 'job="lg"' } }
{
  _config+:: {
    // Selects launchguard's scrape job: the job_name of the scrape config that reaches /metrics.
    launchguardSelector: 'job="launchguard"',

    // Where each alert's runbook_url points: %s is the alert's anchor in docs/operations.md.
    // Point it at the copy of the docs your on-call reads (a repository browser, an internal wiki).
    runbookURLPattern: 'docs/operations.md#%s',

    // The respawn target: a respawn (old instance stopped serving -> new one ready) slower than this
    // misses it. It must be one of the respawn histogram's bucket bounds (le="15.0").
    respawnTargetSeconds: 15,
    respawnTargetBucket: '15.0',
    respawnWindow: '1h',

    // The storm guard quarantines a job at storm.maxRestarts (5) crash or wedge restarts within
    // storm.window (10m); this alert warns before that, at stormRestarts within stormWindow.
    stormRestarts: 3,
    stormWindow: '10m',

    // The host budget (hostRestartBudget, 10 restarts per 1m by default) deferring a restart.
    hostBudgetDeferredWindow: '10m',

    // A job not READY for this long, unless it is in one of the excluded states (which mean
    // something of their own: QUARANTINED has its own alert, DISABLED is an operator's choice).
    // Add 'stopped' if you run StartInterval jobs, which sit STOPPED between their runs.
    notReadyFor: '15m',
    notReadyExcludedStates: ['disabled', 'quarantined'],

    // Wedge restarts of one job within an hour that are worth a look even though each recovered.
    wedgesPerHour: 2,

    // launchguard's scrape failing (up == 0) for this long.
    downFor: '5m',
    // No sample of launchguard's `up` at all within this window: the target is gone from the
    // scrape config or service discovery. Longer than a laptop's sleep, so a sleeping host (no
    // scrapes, no samples, for half an hour) does not fire it.
    notScrapedWindow: '1h',
    // ... and for this long, so a Prometheus that has just started (no scrape yet) does not fire it.
    notScrapedFor: '5m',

    driftFailingFor: '15m',
    uptimeDownFor: '5m',
    tlsExpiryDays: 14,
    tlsExpiringFor: '10m',
    straysFor: '15m',

    // Dashboards.
    dashboardTags: ['launchguard'],
    dashboardRefresh: '30s',
    dashboardTimezone: 'utc',
    fleetDashboardUid: 'launchguard-fleet',
    jobDashboardUid: 'launchguard-job',
  },
}
