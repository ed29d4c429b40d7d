// Alerts on launchguard's metrics. Each has a severity, a summary, a description and a runbook_url
// pointing at its section under "Alerts" in docs/operations.md (the anchor is the alert's name in
// lower case). Expressions use the raw metrics, not the recording rules, so the alerts work with
// prometheus_alerts.yaml loaded alone.
local alert(name, expr, forDuration, severity, summary, description) = {
  alert: name,
  expr: expr,
  'for': forDuration,
  labels: { severity: severity },
  annotations: {
    summary: summary,
    description: description,
    runbook_url: error 'set by withRunbook',
  },
  anchor:: std.asciiLower(name),
};

{
  local c = $._config,
  local sel = c.launchguardSelector,
  local job = 'instance, label',
  local withRunbook(a) = a { annotations+: { runbook_url: c.runbookURLPattern % a.anchor } },

  prometheusAlerts+:: {
    groups+: [
      {
        name: 'launchguard-jobs',
        rules: std.map(withRunbook, [
          alert(
            'LaunchguardRespawnOverTarget',
            |||
              sum by (%(job)s) (increase(launchguard_respawn_duration_seconds_count{%(sel)s}[%(w)s]))
                - sum by (%(job)s) (increase(launchguard_respawn_duration_seconds_bucket{%(sel)s, le="%(le)s"}[%(w)s]))
                > 0
            ||| % { job: job, sel: sel, w: c.respawnWindow, le: c.respawnTargetBucket },
            '0m',
            'warning',
            'A respawn of {{ $labels.label }} took longer than %ss.' % c.respawnTargetSeconds,
            '{{ $labels.label }} on {{ $labels.instance }} had {{ $value | printf "%%.0f" }} respawn(s) slower than the %ss target within %s (old instance stopped serving to the new one ready).' % [c.respawnTargetSeconds, c.respawnWindow],
          ),
          alert(
            'LaunchguardJobQuarantined',
            'max by (%s) (launchguard_quarantined{%s}) == 1' % [job, sel],
            '0m',
            'critical',
            '{{ $labels.label }} is quarantined: launchguard stopped restarting it.',
            'The storm guard quarantined {{ $labels.label }} on {{ $labels.instance }} after too many restarts in its window; the job is booted out until `launchguard reset` or the trial restart.',
          ),
          alert(
            'LaunchguardRestartStorm',
            'sum by (%s) (increase(launchguard_restarts_total{%s, reason=~"crash|wedge"}[%s])) >= %d'
            % [job, sel, c.stormWindow, c.stormRestarts],
            '0m',
            'warning',
            '{{ $labels.label }} keeps restarting.',
            '{{ $labels.label }} on {{ $labels.instance }} crashed or wedged {{ $value | printf "%%.0f" }} times within %s; at the storm guard\'s limit it is quarantined.' % c.stormWindow,
          ),
          alert(
            'LaunchguardJobNotReady',
            |||
              max by (%(job)s) (launchguard_job_up{%(sel)s}) == 0
              unless on (%(job)s)
                max by (%(job)s) (launchguard_job_state{%(sel)s, state=~"%(excluded)s"}) == 1
            ||| % { job: job, sel: sel, excluded: std.join('|', c.notReadyExcludedStates) },
            c.notReadyFor,
            'warning',
            '{{ $labels.label }} has not been READY for %s.' % c.notReadyFor,
            '{{ $labels.label }} on {{ $labels.instance }} has not been READY for %s (and is not %s).' % [c.notReadyFor, std.join(' or ', std.map(std.asciiUpper, c.notReadyExcludedStates))],
          ),
          alert(
            'LaunchguardWedgesPerHour',
            'sum by (%s) (increase(launchguard_restarts_total{%s, reason="wedge"}[1h])) >= %d'
            % [job, sel, c.wedgesPerHour],
            '0m',
            'warning',
            '{{ $labels.label }} wedges repeatedly.',
            '{{ $labels.label }} on {{ $labels.instance }} was judged wedged and restarted {{ $value | printf "%.0f" }} times in the last hour; each restart recovered it, the cause is still there.',
          ),
          alert(
            'LaunchguardStraysFound',
            |||
              max by (%(job)s) (launchguard_orphans{%(sel)s}) > 0
              or
              max by (%(job)s) (launchguard_squatters{%(sel)s}) > 0
            ||| % { job: job, sel: sel },
            c.straysFor,
            'warning',
            'Stray processes of {{ $labels.label }}.',
            'The stray watcher has seen processes of {{ $labels.label }} on {{ $labels.instance }} outside its current instance (orphans) or on its ports (squatters) for %s.' % c.straysFor,
          ),
        ]),
      },
      {
        name: 'launchguard-host',
        rules: std.map(withRunbook, [
          alert(
            'LaunchguardHostBudgetExhausted',
            |||
              min by (instance) (launchguard_host_budget_remaining{%(sel)s}) == 0
              or
              sum by (instance) (increase(launchguard_restarts_deferred_total{%(sel)s}[%(w)s])) > 0
            ||| % { sel: sel, w: c.hostBudgetDeferredWindow },
            '0m',
            'critical',
            'launchguard on {{ $labels.instance }} has used up its host restart budget.',
            'launchguard on {{ $labels.instance }} may issue no more restarts in the host window, or deferred a restart within %s: many jobs are failing at once.' % c.hostBudgetDeferredWindow,
          ),
          alert(
            'LaunchguardDown',
            'up{%s} == 0' % sel,
            c.downFor,
            'critical',
            'launchguard on {{ $labels.instance }} does not answer its scrape.',
            'Prometheus has failed to scrape launchguard on {{ $labels.instance }} for %s: launchguard is down, or its API is unreachable. Nothing supervises its jobs while it is down.' % c.downFor,
          ),
          alert(
            'LaunchguardNotScraped',
            'absent_over_time(up{%s}[%s])' % [sel, c.notScrapedWindow],
            c.notScrapedFor,
            'critical',
            'launchguard is not being scraped.',
            'Prometheus has no scrape of launchguard (%s) at all within %s: the target is missing from its configuration or service discovery.' % [sel, c.notScrapedWindow],
          ),
        ]),
      },
      {
        name: 'launchguard-watchers',
        rules: std.map(withRunbook, [
          alert(
            'LaunchguardDriftCheckFailing',
            'launchguard_drift_check_ok{%s} == 0' % sel,
            c.driftFailingFor,
            'warning',
            'Drift check {{ $labels.check }} fails.',
            'The drift assertion {{ $labels.check }} has not held on {{ $labels.instance }} for %s.' % c.driftFailingFor,
          ),
          alert(
            'LaunchguardUptimeTargetDown',
            'launchguard_uptime_up{%s} == 0' % sel,
            c.uptimeDownFor,
            'critical',
            'Uptime target {{ $labels.target }} is down.',
            'The uptime target {{ $labels.target }}, asked from {{ $labels.instance }}, has not answered as expected for %s.' % c.uptimeDownFor,
          ),
          alert(
            'LaunchguardTLSCertExpiringSoon',
            'launchguard_tls_cert_expiry_timestamp_seconds{%s} - time() < %d * 86400' % [sel, c.tlsExpiryDays],
            c.tlsExpiringFor,
            'warning',
            'The TLS certificate of {{ $labels.target }} expires within %d days.' % c.tlsExpiryDays,
            'A certificate served by {{ $labels.target }} (asked from {{ $labels.instance }}) expires in {{ $value | humanizeDuration }}.',
          ),
        ]),
      },
    ],
  },
}
