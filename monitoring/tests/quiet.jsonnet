// Cases where nothing may fire: a deploy's single restart, and a host that sleeps for half an hour.
local t = import 'promtool.libsonnet';
local host = 'mac.local:9470';
local steady = t.steady(host, ['web', 'api'], 120);
local web(extra={}) = { job: 'launchguard', instance: host, label: 'web' } + extra;

t.file([
  {
    name: "a deploy's single restart (manual, 2 s respawn) fires nothing",
    interval: '1m',
    input_series: t.inputs(t.steady(host, ['web', 'api'], 120) + {
      [t.key('launchguard_restarts_total', web({ reason: 'manual' }))]: '0x30 1x90',
      [t.key('launchguard_respawn_duration_seconds_count', web())]: '0x30 1x90',
      [t.key('launchguard_respawn_duration_seconds_bucket', web({ le: '15.0' }))]: '0x30 1x90',
      [t.key('launchguard_respawn_duration_seconds_bucket', web({ le: '+Inf' }))]: '0x30 1x90',
      [t.key('launchguard_job_up', web())]: '1x30 0 1x89',
      [t.key('launchguard_job_state', web({ state: 'ready' }))]: '1x30 0 1x89',
      [t.key('launchguard_job_state', web({ state: 'recovering' }))]: '0x30 1 0x89',
    }),
    alert_rule_test: t.nothingFires(t.minutes(0, 120) + ['31m', '32m', '33m']),
  },
  {
    // Prometheus runs on the sleeping host too: no scrapes, no samples, then everything is back.
    name: 'a 30-minute scrape gap from a sleeping host fires nothing',
    interval: '1m',
    input_series: t.inputs({
      [k]: '%s _x30 %s' % [std.split(steady[k], 'x')[0] + 'x30', std.split(steady[k], 'x')[0] + 'x60']
      for k in std.objectFields(steady)
    }),
    alert_rule_test: t.nothingFires(t.minutes(0, 125) + ['31m', '36m', '50m', '61m', '62m', '65m', '92m', '95m']),
  },
])
