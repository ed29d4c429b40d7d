// Recording rules, named level:metric:operation (the Prometheus naming practice): the level is the
// labels kept, `instance` being the host launchguard runs on and `label` the launchd Label.
{
  prometheusRules+:: {
    local sel = $._config.launchguardSelector,
    local window = $._config.respawnWindow,
    local byJob = 'instance, label',
    groups+: [
      {
        name: 'launchguard.rules',
        rules: [
          {
            record: 'instance_label_reason:launchguard_restarts:increase1h',
            expr: 'sum by (%s, reason) (increase(launchguard_restarts_total{%s}[1h]))' % [byJob, sel],
          },
          {
            record: 'instance_label:launchguard_wedges:increase1h',
            expr: 'sum by (%s) (increase(launchguard_restarts_total{%s, reason="wedge"}[1h]))' % [byJob, sel],
          },
          {
            record: 'instance_label:launchguard_respawns:increase%s' % window,
            expr: 'sum by (%s) (increase(launchguard_respawn_duration_seconds_count{%s}[%s]))' % [byJob, sel, window],
          },
          {
            // Respawns slower than the target: all respawns minus those within the target's bucket.
            record: 'instance_label:launchguard_respawns_over_target:increase%s' % window,
            expr: |||
              sum by (%(by)s) (increase(launchguard_respawn_duration_seconds_count{%(sel)s}[%(w)s]))
                - sum by (%(by)s) (increase(launchguard_respawn_duration_seconds_bucket{%(sel)s, le="%(le)s"}[%(w)s]))
            ||| % { by: byJob, sel: sel, w: window, le: $._config.respawnTargetBucket },
          },
        ] + [
          {
            record: 'instance_label:launchguard_respawn_duration_seconds:p%s_%s' % [q.name, window],
            expr: 'histogram_quantile(%s, sum by (%s, le) (rate(launchguard_respawn_duration_seconds_bucket{%s}[%s])))'
                  % [q.value, byJob, sel, window],
          }
          for q in [{ name: '50', value: '0.5' }, { name: '95', value: '0.95' }]
        ] + [
          {
            record: 'instance:launchguard_jobs_ready:sum',
            expr: 'sum by (instance) (launchguard_job_up{%s})' % sel,
          },
          {
            record: 'instance:launchguard_jobs:count',
            expr: 'count by (instance) (launchguard_job_up{%s})' % sel,
          },
          {
            record: 'instance_state:launchguard_jobs:sum',
            expr: 'sum by (instance, state) (launchguard_job_state{%s})' % sel,
          },
        ],
      },
    ],
  },
}
