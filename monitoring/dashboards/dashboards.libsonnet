// Two dashboards: the fleet at a glance (every host's jobs, restarts, respawns, watchers) and one
// job (templated by instance and label). Queries use launchguard's metrics and the recording rules
// of rules/rules.libsonnet only.
local g = import 'grafana.libsonnet';

{
  local c = $._config,
  local sel = c.launchguardSelector,
  local w = c.respawnWindow,

  grafanaDashboards+:: {
    local fleetSel = '%s, instance=~"$instance"' % sel,
    local onInstances = 'instance=~"$instance"',

    'launchguard-fleet.json': g.dashboard(
      c.fleetDashboardUid,
      'launchguard / Fleet',
      'Every launchguard and its jobs: what is not READY, what restarted and why, respawns against the %ss target, the watchers.' % c.respawnTargetSeconds,
      c.dashboardTags,
      c.dashboardRefresh,
      c.dashboardTimezone,
      [
        g.datasourceVariable,
        g.queryVariable('instance', 'Host', 'label_values(launchguard_job_up{%s}, instance)' % sel, multi=true),
      ],
      [
        g.row('Jobs'),
        g.stat('Jobs READY', 'Jobs READY out of all jobs launchguard supervises, per host.', [
          g.target('instance:launchguard_jobs_ready:sum{%s}' % onInstances, '{{instance}} ready'),
          g.target('instance:launchguard_jobs:count{%s}' % onInstances, '{{instance}} jobs'),
        ], w=8),
        g.stat('Quarantined', 'Jobs the storm guard holds (launchguard reset LABEL brings one back).', [
          g.target('sum by (instance) (launchguard_quarantined{%s})' % fleetSel, '{{instance}}'),
        ], w=8),
        g.stat('Host restart budget left', "Restarts launchguard may still issue in the host window, of the budget's size.", [
          g.target('launchguard_host_budget_remaining{%s}' % fleetSel, '{{instance}} left'),
          g.target('launchguard_host_budget_size{%s}' % fleetSel, '{{instance}} size'),
        ], w=8),
        g.timeseries('Jobs per state', 'How many jobs are in each health state, per host.', [
          g.target('instance_state:launchguard_jobs:sum{%s}' % onInstances, '{{instance}} {{state}}'),
        ]),
        g.timeseries('Not READY', 'Jobs not READY (launchguard_job_up 0), by label.', [
          g.target('1 - launchguard_job_up{%s}' % fleetSel, '{{instance}} {{label}}'),
        ]),

        g.row('Restarts and respawns'),
        g.timeseries('Restarts by reason', 'Restarts seen or issued, by reason (crash, wedge, manual).', [
          g.target('sum by (instance, reason) (increase(launchguard_restarts_total{%s}[$__rate_interval]))' % fleetSel,
                   '{{instance}} {{reason}}'),
        ]),
        g.withThreshold(
          g.timeseries('Respawn p95 (%s) vs the %ss target' % [w, c.respawnTargetSeconds],
                       'Old instance stopped serving to the new instance ready; the red line is the target.',
                       [
                         g.target('instance_label:launchguard_respawn_duration_seconds:p95_%s{%s}' % [w, onInstances],
                                  '{{instance}} {{label}}'),
                       ],
                       unit='s'),
          c.respawnTargetSeconds,
        ),
        g.timeseries('Respawns over the target (%s)' % w, 'Respawns slower than %ss within the last %s.' % [c.respawnTargetSeconds, w], [
          g.target('instance_label:launchguard_respawns_over_target:increase%s{%s}' % [w, onInstances],
                   '{{instance}} {{label}}'),
        ]),
        g.timeseries('Wedges (1h)', 'Wedge restarts within the last hour, by job.', [
          g.target('instance_label:launchguard_wedges:increase1h{%s}' % onInstances, '{{instance}} {{label}}'),
        ]),

        g.row('Probes'),
        g.timeseries('Probe latency p95', 'One probe attempt, by role (startup, liveness, readiness).', [
          g.target('histogram_quantile(0.95, sum by (instance, probe, le) (rate(launchguard_probe_duration_seconds_bucket{%s}[$__rate_interval])))' % fleetSel,
                   '{{instance}} {{probe}}'),
        ], unit='s'),
        g.timeseries('Probe outcomes', 'Probe attempts per second, by outcome.', [
          g.target('sum by (instance, outcome) (rate(launchguard_probes_total{%s}[$__rate_interval]))' % fleetSel,
                   '{{instance}} {{outcome}}'),
        ], unit='ops'),

        g.row('Watchers'),
        g.timeseries('Drift checks holding', '1 while a drift assertion holds at its last run.', [
          g.target('launchguard_drift_check_ok{%s}' % fleetSel, '{{instance}} {{check}}'),
        ], w=8),
        g.timeseries('Uptime targets up', '1 while an uptime target answered as expected at its last ask.', [
          g.target('launchguard_uptime_up{%s}' % fleetSel, '{{instance}} {{target}}'),
        ], w=8),
        g.timeseries('Uptime response time', 'How long the last ask took, redirects included.', [
          g.target('launchguard_uptime_response_time_seconds{%s}' % fleetSel, '{{instance}} {{target}}'),
        ], unit='s', w=8),
        g.withThreshold(
          g.timeseries('TLS certificate days left', 'Days until the earliest certificate expiry served by an uptime target (HTTPS targets only).', [
            g.target('(launchguard_tls_cert_expiry_timestamp_seconds{%s} - time()) / 86400' % fleetSel, '{{instance}} {{target}}'),
          ], unit='d'),
          c.tlsExpiryDays,
        ),
        g.timeseries('Strays', 'Orphans (processes of a job outside its instance) and squatters (on its ports).', [
          g.target('sum by (instance, label) (launchguard_orphans{%s})' % fleetSel, '{{instance}} {{label}} orphans'),
          g.target('sum by (instance, label) (launchguard_squatters{%s})' % fleetSel, '{{instance}} {{label}} squatters'),
        ]),

        g.row('launchguard'),
        g.table('Builds', 'The launchguard version and Java each host runs.', [
          g.target('launchguard_build_info{%s}' % fleetSel, '', instant=true),
        ], w=24, h=5),
      ],
    ),

    local jobSel = '%s, instance="$instance", label="$label"' % sel,
    local onJob = 'instance="$instance", label="$label"',

    'launchguard-job.json': g.dashboard(
      c.jobDashboardUid,
      'launchguard / Job',
      'One job on one host: state, restarts, respawns, probes, strays.',
      c.dashboardTags,
      c.dashboardRefresh,
      c.dashboardTimezone,
      [
        g.datasourceVariable,
        g.queryVariable('instance', 'Host', 'label_values(launchguard_job_up{%s}, instance)' % sel),
        g.queryVariable('label', 'Job', 'label_values(launchguard_job_up{%s, instance="$instance"}, label)' % sel),
      ],
      [
        g.row('State'),
        g.timeseries('Health state', '1 for the current health state.', [
          g.target('launchguard_job_state{%s}' % jobSel, '{{state}}'),
        ], w=12),
        g.stat('READY', '1 when the job is READY.', [g.target('launchguard_job_up{%s}' % jobSel, 'ready')], w=3),
        g.stat('Quarantined', '1 while the storm guard holds the job.', [g.target('launchguard_quarantined{%s}' % jobSel, 'quarantined')], w=3),
        g.stat('Running for', 'Since the current (or last) instance started; no data until launchguard has seen one.', [
          g.target('time() - (launchguard_job_start_time_seconds{%s} > 0)' % jobSel, 'uptime'),
        ], unit='s', w=3),
        g.stat('Since the last restart', 'Since the last restart counted, or since the job started if it never restarted.', [
          g.target('time() - ((launchguard_job_last_restart_time_seconds{%s} > 0) or (launchguard_job_start_time_seconds{%s} > 0))' % [jobSel, jobSel], 'since restart'),
        ], unit='s', w=3),

        g.row('Restarts and respawns'),
        g.timeseries('Restarts by reason', 'Restarts seen or issued, by reason.', [
          g.target('sum by (reason) (increase(launchguard_restarts_total{%s}[$__rate_interval]))' % jobSel, '{{reason}}'),
        ]),
        g.timeseries('Restarts in the last hour', 'By reason, from the recording rule.', [
          g.target('instance_label_reason:launchguard_restarts:increase1h{%s}' % onJob, '{{reason}}'),
          g.target('increase(launchguard_restarts_deferred_total{%s}[1h])' % jobSel, 'deferred by the host budget'),
        ]),
        g.withThreshold(
          g.timeseries('Respawn duration', 'p50 and p95 over %s, and the slowest recent respawn; the red line is the %ss target.' % [w, c.respawnTargetSeconds], [
            g.target('instance_label:launchguard_respawn_duration_seconds:p50_%s{%s}' % [w, onJob], 'p50'),
            g.target('instance_label:launchguard_respawn_duration_seconds:p95_%s{%s}' % [w, onJob], 'p95'),
            g.target('launchguard_respawn_duration_seconds_max{%s}' % jobSel, 'max'),
          ], unit='s'),
          c.respawnTargetSeconds,
        ),
        g.timeseries('Respawns and those over the target (%s)' % w, 'All respawns, and those slower than %ss.' % c.respawnTargetSeconds, [
          g.target('instance_label:launchguard_respawns:increase%s{%s}' % [w, onJob], 'respawns'),
          g.target('instance_label:launchguard_respawns_over_target:increase%s{%s}' % [w, onJob], 'over target'),
        ]),
        g.timeseries('Wedge detection p95', 'First failing liveness attempt to the wedge verdict.', [
          g.target('histogram_quantile(0.95, sum by (le) (rate(launchguard_wedge_detection_seconds_bucket{%s}[$__rate_interval])))' % jobSel, 'p95'),
          g.target('instance_label:launchguard_wedges:increase1h{%s}' % onJob, 'wedges (1h)'),
        ]),

        g.row('Probes'),
        g.timeseries('Probe latency p95', 'One probe attempt, by role.', [
          g.target('histogram_quantile(0.95, sum by (probe, le) (rate(launchguard_probe_duration_seconds_bucket{%s}[$__rate_interval])))' % jobSel, '{{probe}}'),
        ], unit='s'),
        g.timeseries('Probe outcomes', 'Probe attempts per second, by role and outcome.', [
          g.target('sum by (probe, outcome) (rate(launchguard_probes_total{%s}[$__rate_interval]))' % jobSel, '{{probe}} {{outcome}}'),
        ], unit='ops'),

        g.row('Processes'),
        g.timeseries('Strays', 'Orphans and squatters the stray watcher saw, and orphans it reaped.', [
          g.target('launchguard_orphans{%s}' % jobSel, 'orphans'),
          g.target('launchguard_squatters{%s}' % jobSel, 'squatters'),
          g.target('increase(launchguard_orphans_reaped_total{%s}[$__rate_interval])' % jobSel, 'reaped'),
        ]),
        g.timeseries('Unreadable process table', "Looks at the job's process that could not read the process table (no verdict is drawn from them).", [
          g.target('increase(launchguard_evidence_unknown_total{%s}[$__rate_interval])' % jobSel, 'unknown'),
        ]),
      ],
    ),
  },
}
