// The recording rules' values over a known hour: web crashed once, was kickstarted once, wedged
// once, and respawned three times (2 s, 20 s, 4 s); api is STARTING and has never restarted.
local t = import 'promtool.libsonnet';
local host = 'mac.local:9470';
local job(label, extra={}) = { job: 'launchguard', instance: host, label: label } + extra;
local at(label, extra={}) = { instance: host, label: label } + extra;

t.file([
  {
    name: 'recording rules over an hour of one restarted job and one starting job',
    interval: '1m',
    input_series: t.inputs(t.steady(host, ['web', 'api'], 60) + {
      [t.key('launchguard_restarts_total', job('web', { reason: 'crash' }))]: '0x10 1x50',
      [t.key('launchguard_restarts_total', job('web', { reason: 'manual' }))]: '0x20 1x40',
      [t.key('launchguard_restarts_total', job('web', { reason: 'wedge' }))]: '0x30 1x30',
      [t.key('launchguard_respawn_duration_seconds_count', job('web'))]: '0x10 1x10 2x10 3x30',
      [t.key('launchguard_respawn_duration_seconds_bucket', job('web', { le: '1.0' }))]: '0x60',
      [t.key('launchguard_respawn_duration_seconds_bucket', job('web', { le: '5.0' }))]: '0x10 1x20 2x30',
      [t.key('launchguard_respawn_duration_seconds_bucket', job('web', { le: '15.0' }))]: '0x10 1x20 2x30',
      [t.key('launchguard_respawn_duration_seconds_bucket', job('web', { le: '30.0' }))]: '0x10 1x10 2x10 3x30',
      [t.key('launchguard_respawn_duration_seconds_bucket', job('web', { le: '+Inf' }))]: '0x10 1x10 2x10 3x30',
      [t.key('launchguard_job_up', job('api'))]: '0x60',
      [t.key('launchguard_job_state', job('api', { state: 'ready' }))]: '0x60',
      [t.key('launchguard_job_state', job('api', { state: 'starting' }))]: '1x60',
    }),
    promql_expr_test: [
      {
        eval_time: '60m',
        expr: 'instance_label_reason:launchguard_restarts:increase1h',
        exp_samples: [
          { labels: 'instance_label_reason:launchguard_restarts:increase1h' + t.labels(at(l, { reason: r })), value: v }
          for l in ['api', 'web']
          for r in ['crash', 'manual', 'wedge']
          for v in [if l == 'web' then 1 else 0]
        ],
      },
    ] + [
      {
        eval_time: '60m',
        expr: e.name,
        exp_samples: [{ labels: e.name + t.labels(at(l)), value: e[l] } for l in ['api', 'web']],
      }
      for e in [
        { name: 'instance_label:launchguard_wedges:increase1h', web: 1, api: 0 },
        { name: 'instance_label:launchguard_respawns:increase1h', web: 3, api: 0 },
        { name: 'instance_label:launchguard_respawns_over_target:increase1h', web: 1, api: 0 },
      ]
    ] + [
      {
        // api never respawned: no quantile to speak of (NaN), so only web's is checked, rounded
        // to 0.01 s (27.75 is computed as 27.749999999999996).
        eval_time: '60m',
        expr: 'round(%s{label="web"}, 0.01)' % e.name,
        exp_samples: [{ labels: t.labels(at('web')), value: e.value }],
      }
      for e in [
        // 3 respawns: 2 within (1, 5] s, 1 within (15, 30] s. p50: rank 1.5 of the 2 in (1, 5]
        // -> 1 + 4 * 1.5 / 2 = 4; p95: rank 2.85, 0.85 of the 1 in (15, 30] -> 15 + 15 * 0.85 = 27.75.
        { name: 'instance_label:launchguard_respawn_duration_seconds:p50_1h', value: 4 },
        { name: 'instance_label:launchguard_respawn_duration_seconds:p95_1h', value: 27.75 },
      ]
    ] + [
      {
        eval_time: '60m',
        expr: 'instance:launchguard_jobs_ready:sum',
        exp_samples: [{ labels: 'instance:launchguard_jobs_ready:sum{instance="%s"}' % host, value: 1 }],
      },
      {
        eval_time: '60m',
        expr: 'instance:launchguard_jobs:count',
        exp_samples: [{ labels: 'instance:launchguard_jobs:count{instance="%s"}' % host, value: 2 }],
      },
      {
        eval_time: '60m',
        expr: 'instance_state:launchguard_jobs:sum',
        exp_samples: [
          { labels: 'instance_state:launchguard_jobs:sum{instance="%s",state="%s"}' % [host, s], value: if s == 'ready' || s == 'starting' then 1 else 0 }
          for s in ['crashed', 'disabled', 'quarantined', 'ready', 'recovering', 'starting', 'stopped', 'suspect', 'wedged']
        ],
      },
    ],
  },
])
