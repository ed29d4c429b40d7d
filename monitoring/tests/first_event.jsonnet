// A job's first-ever event: its series exist at 0 from the moment it is configured (the metric
// contract), so increase() sees the first restart and the first respawn.
local t = import 'promtool.libsonnet';
local host = 'mac.local:9470';
local web(extra={}) = { job: 'launchguard', instance: host, label: 'web' } + extra;
// The job is added (a reload) at 10m: none of its series before; launchguard's own from the start.
local from10(map) = {
  [k]: if std.length(std.findSubstr('label=', k)) > 0 then '_x10 ' + map[k] else std.split(map[k], 'x')[0] + 'x90'
  for k in std.objectFields(map)
};

t.file([
  {
    name: 'a first-ever 20 s respawn fires LaunchguardRespawnOverTarget, and nothing else',
    interval: '1m',
    input_series: t.inputs(from10(t.steady(host, ['web'], 80) + {
      [t.key('launchguard_restarts_total', web({ reason: 'crash' }))]: '0x10 1x70',
      [t.key('launchguard_respawn_duration_seconds_count', web())]: '0x10 1x70',
      [t.key('launchguard_respawn_duration_seconds_bucket', web({ le: '15.0' }))]: '0x80',
      [t.key('launchguard_respawn_duration_seconds_bucket', web({ le: '+Inf' }))]: '0x10 1x70',
      [t.key('launchguard_job_up', web())]: '1x10 0 1x69',
    })),
    alert_rule_test: [
      t.expect(m, 'LaunchguardRespawnOverTarget', [t.firing('LaunchguardRespawnOverTarget', { instance: host, label: 'web' }, '1')])
      for m in ['21m', '40m', '80m']
    ] + [
      t.expect(m, 'LaunchguardRespawnOverTarget', [])
      for m in ['15m', '20m', '90m']
    ] + t.nothingFires(t.minutes(0, 90), except=['LaunchguardRespawnOverTarget']),
  },
  {
    name: 'a first-ever fast crash restart fires nothing',
    interval: '1m',
    input_series: t.inputs(from10(t.steady(host, ['web'], 80) + {
      [t.key('launchguard_restarts_total', web({ reason: 'crash' }))]: '0x10 1x70',
      [t.key('launchguard_respawn_duration_seconds_count', web())]: '0x10 1x70',
      [t.key('launchguard_respawn_duration_seconds_bucket', web({ le: '15.0' }))]: '0x10 1x70',
      [t.key('launchguard_respawn_duration_seconds_bucket', web({ le: '+Inf' }))]: '0x10 1x70',
      [t.key('launchguard_job_up', web())]: '1x10 0 1x69',
    })),
    alert_rule_test: t.nothingFires(t.minutes(0, 90) + ['21m', '22m']),
  },
])
